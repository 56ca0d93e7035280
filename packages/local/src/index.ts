// Public API of @healing/local: filled in by its issue; nothing is exported yet.
export {};

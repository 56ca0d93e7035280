// Public API of @healing/engine: filled in by its issue; nothing is exported yet.
export {};

// Public API of @healing/patch: filled in by its issue; nothing is exported yet.
export {};

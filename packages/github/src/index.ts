// Public API of @healing/github: filled in by its issue; nothing is exported yet.
export {};

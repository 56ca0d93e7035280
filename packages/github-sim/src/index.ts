// Public API of @healing/github-sim: filled in by its issue; nothing is exported yet.
export {};

// Public API of @healing/local.
export { createFsStorage, type FsStorageOptions } from './storage/fs-storage.js';

/**
 * The worker service is not built yet (issue: apps/worker). This package exists so the
 * workspace has its final shape; it exports only its name.
 */
export const WORKER_NAME = '@healing/worker';

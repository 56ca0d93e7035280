/**
 * Sends a signal to every process in the group led by `pid` (spawned detached, so the group
 * id is the pid). A group that is already gone is not an error.
 */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

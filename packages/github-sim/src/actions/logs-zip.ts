import { zipSync } from 'fflate';
import type { WorkflowRunRecord } from '../types.js';

function safeName(name: string): string {
  return name.replace(/[/\\:*?"<>|]/g, '_');
}

/** GitHub's run log archive: `<n>_<job>.txt` with the whole job, and `<job>/<step>_<name>.txt` per step. */
export function runLogsZip(run: WorkflowRunRecord): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  run.jobs.forEach((job, index) => {
    const jobName = safeName(job.name);
    files[`${index}_${jobName}.txt`] = Buffer.from(job.steps.map((step) => step.log).join(''));
    for (const step of job.steps) {
      files[`${jobName}/${step.number}_${safeName(step.name)}.txt`] = Buffer.from(step.log);
    }
  });
  return zipSync(files);
}

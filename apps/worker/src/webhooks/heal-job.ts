import { z } from 'zod';

/** One failed workflow run to heal: everything the job runner needs, and nothing secret. */
export const HealJobSchema = z.object({
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  runId: z.number().int().positive(),
  runAttempt: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  headBranch: z.string().min(1),
  workflowName: z.string(),
  installationId: z.number().int().positive().nullable(),
  runUrl: z.string(),
});
export type HealJob = z.infer<typeof HealJobSchema>;

/** Runs on the same commit are one heal: the engine's (sha, fingerprint) rule does the rest. */
export function healJobKey(job: Pick<HealJob, 'repository' | 'headSha'>): string {
  return `${job.repository}@${job.headSha}`;
}

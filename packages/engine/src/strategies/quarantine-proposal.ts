import { type FlakyTest, type HealAttempt, HealingError, isHealingError } from '@healing/adapters';
import { createPatch } from '@healing/patch';
import { z } from 'zod';
import { summarizePatch } from '../candidate/summarize-patch.js';
import { checkGuardrails } from '../guardrails/check-guardrails.js';
import type { HealContext } from '../run/heal-context.js';
import { withWorkspace } from '../run/with-workspace.js';

const QuarantineFileSchema = z.object({
  tests: z.array(
    z.object({ id: z.string(), passes: z.number(), failures: z.number(), sha: z.string() }).passthrough(),
  ),
});
type QuarantineFile = z.infer<typeof QuarantineFileSchema>;

/**
 * The change that adds flaky tests to the quarantine list (`strategies.flaky.quarantine.path`),
 * a JSON file CI can read to stop trusting them. Null when they are all listed already.
 * Throws INVALID_INPUT when the existing file is not a quarantine list.
 */
export async function proposeQuarantine(
  context: HealContext,
  flaky: readonly FlakyTest[],
): Promise<string | null> {
  const { path } = context.config.strategies.flaky.quarantine;
  const existing = await withWorkspace(
    context,
    { revision: context.sha, label: 'quarantine', prepare: false },
    async (workspace) => (await workspace.storage.read(path))?.content ?? null,
  );
  const list = existing === null ? { tests: [] } : parseList(path, existing);
  const listed = new Set(list.tests.map((test) => test.id));
  const added = flaky.filter((test) => !listed.has(test.id));
  if (added.length === 0) return null;
  const next: QuarantineFile = {
    tests: [...list.tests, ...added.map((test) => ({ ...test, sha: context.sha }))].sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
  };
  const content = new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`);
  const before = new Map(existing === null ? [] : [[path, { content: existing, mode: '100644' as const }]]);
  return createPatch(before, new Map([[path, { content, mode: '100644' as const }]]));
}

function parseList(path: string, content: Uint8Array): QuarantineFile {
  try {
    return QuarantineFileSchema.parse(JSON.parse(new TextDecoder().decode(content)));
  } catch (error) {
    throw new HealingError(
      'INVALID_INPUT',
      `${path} is not a quarantine list ({"tests": [{"id", "passes", "failures", "sha"}]}): fix it or point strategies.flaky.quarantine.path elsewhere`,
      { cause: error, details: { path } },
    );
  }
}

/**
 * The quarantine proposal as an attempt: accepted with its patch (no test run can prove a
 * list of flaky tests, so it is checked by the guardrails only), or failed with the reason.
 */
export async function runQuarantine(context: HealContext, flaky: readonly FlakyTest[]): Promise<HealAttempt> {
  const startedAt = context.now();
  const attempt = (outcome: HealAttempt['outcome'], reason: string, patch?: string): HealAttempt => ({
    strategy: 'flaky',
    outcome,
    reason,
    testRuns: 0,
    durationMs: Math.max(0, context.now() - startedAt),
    ...(patch === undefined ? {} : { patch }),
  });
  const { path } = context.config.strategies.flaky.quarantine;
  let patch: string | null;
  try {
    patch = await proposeQuarantine(context, flaky);
  } catch (error) {
    if (!isHealingError(error)) throw error;
    return attempt('failed', `quarantine not proposed: ${error.message}`);
  }
  if (patch === null) return attempt('skipped', `every flaky test is already listed in ${path}`);
  const summary = summarizePatch(patch);
  const violations = checkGuardrails(summary, {
    ...context.config.guardrails,
    failingTestFiles: context.failingTestFiles,
  });
  if (violations.length > 0) {
    return attempt(
      'rejected',
      `quarantine refused by guardrails: ${violations.map((violation) => violation.message).join('; ')}`,
      patch,
    );
  }
  return {
    ...attempt(
      'accepted',
      `quarantine ${flaky.length} flaky test${flaky.length === 1 ? '' : 's'} in ${path} (a list, no code: checked by the guardrails, not by a test run)`,
      patch,
    ),
    diffStat: { files: summary.files.length, insertions: summary.insertions, deletions: summary.deletions },
  };
}

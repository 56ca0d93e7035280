import {
  type AppendOptions,
  type CacheAdapter,
  type FlakyTest,
  HealingError,
  type HealReport,
  HealReportSchema,
  isHealingError,
  type JsonValue,
} from '@healing/adapters';
import { z } from 'zod';

/** How many heals the history index keeps per repository. */
export const HISTORY_LIMIT = 500;

const IdListSchema = z.array(z.string());
const FlakyStatisticsSchema = z.record(
  z.string(),
  z.object({ passes: z.number(), failures: z.number(), lastSha: z.string() }),
);
export type FlakyStatistics = z.infer<typeof FlakyStatisticsSchema>;
const FlakyCountsSchema = z.array(
  z.object({
    sha: z.string(),
    counts: z.array(z.object({ id: z.string(), passes: z.number(), failures: z.number() })),
  }),
);
/** How many heals' rerun counts the flaky statistics keep per repository. */
const FLAKY_HEALS_KEPT = 1000;

const keys = {
  report: (id: string) => `heal:report:${id}`,
  index: (repository: string) => `heal:index:${repository}`,
  run: (repository: string, sha: string, fingerprint: string) =>
    `heal:run:${repository}:${sha}:${fingerprint}`,
  green: (repository: string) => `heal:green:${repository}`,
  flaky: (repository: string) => `heal:flaky:${repository}`,
  flakyCounts: (repository: string) => `heal:flaky-counts:${repository}`,
};

/**
 * Records a finished heal in the history. With `isAnswer` (the default) it also becomes the
 * answer for its (sha, fingerprint): a later heal of the same failure returns it.
 */
export async function recordHeal(
  cache: CacheAdapter,
  report: HealReport,
  options: { readonly isAnswer?: boolean } = {},
): Promise<void> {
  await cache.setMany([
    { key: keys.report(report.id), value: toJson(report) },
    ...(options.isAnswer === false
      ? []
      : [{ key: keys.run(report.repository, report.sha, report.fingerprint), value: report.id }]),
  ]);
  // After the report, so the index never names a missing one; an atomic append, so two heals of
  // one repository finishing at once (two processes, or parallel jobs) both stay listed.
  await appendOrCorrupt(cache, keys.index(report.repository), report.id, {
    maxLength: HISTORY_LIMIT,
    unique: true,
  });
}

/** The earlier heal of the same breakage on the same commit, if any. */
export async function findPreviousHeal(
  cache: CacheAdapter,
  repository: string,
  sha: string,
  fingerprint: string,
): Promise<HealReport | null> {
  const id = await cache.get(keys.run(repository, sha, fingerprint));
  return typeof id === 'string' ? readReport(cache, id) : null;
}

export interface HealHistoryOptions {
  readonly repository: string;
  /** At most this many heals, newest first (default all kept). */
  readonly limit?: number;
}

/** The recorded heals of a repository, newest first; what `heal history` shows. */
export async function readHealHistory(
  cache: CacheAdapter,
  options: HealHistoryOptions,
): Promise<HealReport[]> {
  const ids = (await readIds(cache, options.repository)).reverse().slice(0, options.limit ?? HISTORY_LIMIT);
  const reports = await Promise.all(ids.map((id) => readReport(cache, id)));
  return reports.filter((report): report is HealReport => report !== null);
}

export async function recordLastGreen(cache: CacheAdapter, repository: string, sha: string): Promise<void> {
  await cache.set(keys.green(repository), sha);
}

export async function readLastGreen(cache: CacheAdapter, repository: string): Promise<string | null> {
  const sha = await cache.get(keys.green(repository));
  return typeof sha === 'string' ? sha : null;
}

/** Adds one heal's pass/fail counts to the repository's flaky statistics. */
export async function recordFlakyCounts(
  cache: CacheAdapter,
  repository: string,
  sha: string,
  counts: readonly FlakyTest[],
): Promise<void> {
  if (counts.length === 0) return;
  // An atomic append, not a read-modify-write: heals finishing together both count.
  const entry = { sha, counts: counts.map(({ id, passes, failures }) => ({ id, passes, failures })) };
  await appendOrCorrupt(cache, keys.flakyCounts(repository), entry, { maxLength: FLAKY_HEALS_KEPT });
}

/**
 * Per test id: passes and failures seen over the repository's last 1,000 heals that reran tests,
 * added to the totals an earlier release kept in one record.
 */
export async function readFlakyStatistics(cache: CacheAdapter, repository: string): Promise<FlakyStatistics> {
  const [legacy, recent] = await cache.getMany([keys.flaky(repository), keys.flakyCounts(repository)]);
  // Totals kept by earlier releases in one record, still counted.
  const statistics: FlakyStatistics = {};
  if (legacy !== undefined) {
    const parsed = FlakyStatisticsSchema.safeParse(legacy);
    if (!parsed.success) throw corrupt(keys.flaky(repository));
    Object.assign(statistics, parsed.data);
  }
  if (recent === undefined) return statistics;
  const parsed = FlakyCountsSchema.safeParse(recent);
  if (!parsed.success) throw corrupt(keys.flakyCounts(repository));
  for (const { sha, counts } of parsed.data) {
    for (const count of counts) {
      const known = statistics[count.id] ?? { passes: 0, failures: 0, lastSha: sha };
      statistics[count.id] = {
        passes: known.passes + count.passes,
        failures: known.failures + count.failures,
        lastSha: sha,
      };
    }
  }
  return statistics;
}

/** An entry that is not a list is a damaged cache, as a read would report it. */
async function appendOrCorrupt(
  cache: CacheAdapter,
  key: string,
  item: JsonValue,
  options: AppendOptions,
): Promise<void> {
  try {
    await cache.append(key, item, options);
  } catch (error) {
    if (isHealingError(error, 'INVALID_INPUT')) throw corrupt(key);
    throw error;
  }
}

async function readIds(cache: CacheAdapter, repository: string): Promise<string[]> {
  const value = await cache.get(keys.index(repository));
  if (value === undefined) return [];
  const parsed = IdListSchema.safeParse(value);
  if (!parsed.success) throw corrupt(keys.index(repository));
  return parsed.data;
}

async function readReport(cache: CacheAdapter, id: string): Promise<HealReport | null> {
  const value = await cache.get(keys.report(id));
  if (value === undefined) return null;
  const parsed = HealReportSchema.safeParse(value);
  if (!parsed.success) throw corrupt(keys.report(id));
  return parsed.data;
}

function toJson(report: HealReport): JsonValue {
  return JSON.parse(JSON.stringify(report)) as JsonValue;
}

function corrupt(key: string): HealingError {
  return new HealingError(
    'CACHE_CORRUPT',
    `cache entry ${key} does not hold what healing wrote there: delete it (heal history is rebuilt from new heals)`,
    { details: { key } },
  );
}

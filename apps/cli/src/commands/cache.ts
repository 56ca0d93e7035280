import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { parseFlags } from '../parse-flags.js';

export const CACHE_HELP = `heal cache: the SQLite cache of this repository (.git/heal/cache.sqlite)

Usage
  heal cache stats [--json]   entries and size on disk
  heal cache clear            remove every entry (history, flaky statistics, heal records)
  heal cache reset            delete the file itself: for a damaged cache (it is only a cache)
`;

export async function cacheCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseFlags('cache', rest, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help || action === '--help' || action === '-h' || action === undefined) {
    io.stdout.write(CACHE_HELP);
    return action === undefined ? EXIT.usage : EXIT.ok;
  }
  if (action !== 'stats' && action !== 'clear' && action !== 'reset') {
    io.stderr.write(`heal: unknown cache action "${action}"; use stats, clear or reset\n`);
    return EXIT.usage;
  }
  const { cachePath } = await findRepository(io.cwd ?? process.cwd());
  const local = await import('@healing/local');
  if (action === 'reset') {
    await local.resetSqliteCache(cachePath);
    io.stdout.write(`removed ${cachePath}; a fresh cache is made on the next heal\n`);
    return EXIT.ok;
  }
  const cache = local.createSqliteCache({ path: cachePath });
  try {
    if (action === 'clear') {
      await cache.clear();
      io.stdout.write(`cleared ${cachePath}\n`);
      return EXIT.ok;
    }
    const stats = await cache.stats();
    if (values.json) io.stdout.write(`${JSON.stringify(stats)}\n`);
    else
      io.stdout.write(
        `${stats.path}\n  entries: ${stats.entries}\n  on disk: ${formatBytes(stats.bytesOnDisk)}\n`,
      );
    return EXIT.ok;
  } finally {
    await cache.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

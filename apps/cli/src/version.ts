import { readFileSync } from 'node:fs';

/** The CLI's version, read from its own package.json (no bundler step rewrites it). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? '0.0.0';
}

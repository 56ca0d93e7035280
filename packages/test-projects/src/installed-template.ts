import { cpSync, existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const templates = new Map<string, string>();

/**
 * A directory where `install` ran once in this process, keyed by `key`: later projects of the
 * same kind copy it (symlinks kept as they are) instead of installing again. The first install
 * of a run goes to the registry as a new contributor's would; nothing is installed offline.
 */
export function installedTemplate(key: string, install: (dir: string) => void): string {
  const existing = templates.get(key);
  if (existing !== undefined && existsSync(existing)) return existing;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `heal-template-${key}-`)));
  install(dir);
  templates.set(key, dir);
  return dir;
}

/** A fresh directory holding a copy of the template. */
export function copyTemplate(template: string, prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

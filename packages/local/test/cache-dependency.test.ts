import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
let sandbox: string;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'healing-cache-dependency-'));
});
afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

/** A copy of the built package whose node_modules holds every dependency except `missing`. */
async function installWithout(missing: string): Promise<string> {
  const root = join(sandbox, 'app');
  await cp(join(packageDirectory, 'dist'), join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  const modules = join(packageDirectory, 'node_modules');
  for (const entry of await readdir(modules)) {
    const names = entry.startsWith('@')
      ? (await readdir(join(modules, entry))).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of names) {
      if (name === missing || name.startsWith('.')) continue;
      await mkdir(join(root, 'node_modules', name, '..'), { recursive: true });
      await symlink(join(modules, name), join(root, 'node_modules', name));
    }
  }
  return root;
}

function useCache(root: string): Promise<string> {
  const script = `
import { createSqliteCache } from ${JSON.stringify(`${root}/dist/index.js`)};
const cache = createSqliteCache({ path: ${JSON.stringify(join(sandbox, 'cache.sqlite'))}, threads: 1 });
try { await cache.get('a'); process.stdout.write('loaded'); }
catch (error) { process.stdout.write(JSON.stringify({ code: error.code, message: error.message })); }
finally { await cache.close(); }
`;
  // Without NODE_PATH: pnpm's shims point it at the hoisted store, where everything resolves.
  const { NODE_PATH: _hoisted, ...env } = process.env;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', () => resolve(stdout)));
}

describe('sqlite cache without its native dependencies', () => {
  it('without better-sqlite3: DEPENDENCY_MISSING that says how to install it', async () => {
    const outcome = JSON.parse(await useCache(await installWithout('better-sqlite3')));
    expect(outcome.code).toBe('DEPENDENCY_MISSING');
    expect(outcome.message).toContain('pnpm add better-sqlite3@^12');
  }, 30_000);

  it('without piscina: DEPENDENCY_MISSING that says how to install it', async () => {
    const outcome = JSON.parse(await useCache(await installWithout('piscina')));
    expect(outcome.code).toBe('DEPENDENCY_MISSING');
    expect(outcome.message).toContain('pnpm add piscina');
  }, 30_000);

  it('with both, the same copy works (so the failures above are the missing module)', async () => {
    expect(await useCache(await installWithout('none'))).toBe('loaded');
  }, 30_000);
});

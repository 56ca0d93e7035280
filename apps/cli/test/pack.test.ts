import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temp } from './helpers.js';

const packScript = fileURLToPath(new URL('../scripts/pack.js', import.meta.url));

function run(
  program: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm pack of the CLI (slow)', () => {
  it('installs into an empty prefix without the native module and runs heal --help and heal demo', async () => {
    const out = temp();
    const tarball = execFileSync(process.execPath, [packScript, out], { encoding: 'utf8' }).trim();
    expect(existsSync(tarball)).toBe(true);
    const prefix = temp();
    // Without better-sqlite3 (optional): the install must still work, and heal must still run.
    const install = await run(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--omit=optional',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      prefix,
    );
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(prefix, 'node_modules', 'better-sqlite3'))).toBe(false);
    const heal = join(prefix, 'node_modules', '.bin', 'heal');

    const help = await run(heal, ['--help'], prefix);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/\n {2}demo\s/);

    const demo = await run(heal, ['demo', '--json'], temp());
    const last = JSON.parse(demo.stdout.trim().split('\n').at(-1) ?? '{}') as {
      result?: { scenarios: Array<{ asExpected: boolean }> };
    };
    expect(last.result?.scenarios.map((scenario) => scenario.asExpected)).toEqual([true, true, true, true]);
    expect(demo.code).toBe(0);
  }, 300_000);
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function runHeal(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [heal, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('heal (built binary)', () => {
  it('prints help with the commands and exit codes', async () => {
    const result = await runHeal(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage');
    expect(result.stdout).toContain('Exit codes');
  });

  it('prints the version from package.json', async () => {
    const result = await runHeal(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('answers an unknown command with exit 2 and a hint', async () => {
    const result = await runHeal(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('heal --help');
  });

  it('prints help and exits 2 when no command is given', async () => {
    const result = await runHeal([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Usage');
  });
});

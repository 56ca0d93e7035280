import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, heal, repository, temp } from './helpers.js';

describe('heal run, interrupted', () => {
  it('stops on Ctrl-C: exit 130, its test command killed, no branch and no worktree left', async () => {
    const { dir } = repository({ addBody: 'a - b' });
    const started = join(temp(), 'started');
    // A test run that writes its pid, then would run for a minute.
    const slowTests = `node -e "require('fs').writeFileSync('${started}', String(process.pid)); setTimeout(() => process.exit(1), 60000)"`;
    const child = spawn(process.execPath, [heal, 'run', '--test', slowTests], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp(), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for (let waited = 0; !existsSync(started) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(started)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted: the heal stopped; nothing was delivered');
    expect(git(dir, ['branch', '--list', 'heal/*'])).toBe('');
    expect(git(dir, ['worktree', 'list']).split('\n')).toHaveLength(1);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    // The test command was killed with the heal, not left running.
    const pid = Number(readFileSync(started, 'utf8'));
    const isAlive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; isAlive() && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(isAlive()).toBe(false);
  }, 60_000);
});

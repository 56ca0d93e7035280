import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { HealingError } from '@healing/adapters';

export interface LineProcess {
  /** Writes `input` and resolves with the next line the process prints (without the newline). */
  request(input: string): Promise<string>;
  close(): void;
}

interface Pending {
  readonly resolve: (line: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A long-lived git command that answers each request with one line (`mktree --batch`,
 * `hash-object --stdin-paths`), restarted on demand if it exits. Saves a process start per call.
 */
export function createLineProcess(gitDir: string, args: readonly string[]): LineProcess {
  let child: ChildProcessWithoutNullStreams | undefined;
  let buffer = '';
  let stderr = '';
  const queue: Pending[] = [];

  function start(): ChildProcessWithoutNullStreams {
    const process_ = spawn('git', [`--git-dir=${gitDir}`, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    process_.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        queue.shift()?.resolve(line);
        newline = buffer.indexOf('\n');
      }
    });
    process_.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    process_.stdin.on('error', () => {});
    process_.on('close', () => {
      if (child === process_) child = undefined;
      buffer = '';
      const reason = stderr.trim() || 'it exited';
      stderr = '';
      for (const pending of queue.splice(0)) {
        pending.reject(new HealingError('GIT_FAILED', `git ${args.join(' ')} failed: ${reason}`));
      }
    });
    return process_;
  }

  return {
    request(input) {
      child ??= start();
      const process_ = child;
      return new Promise((resolve, reject) => {
        queue.push({ resolve, reject });
        process_.stdin.write(input);
      });
    },
    close() {
      child?.stdin.end();
      child?.kill();
      child = undefined;
    },
  };
}

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { HealingError } from '@healing/adapters';

export type GitObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface GitObject {
  readonly sha: string;
  readonly type: GitObjectType;
  readonly content: Buffer;
}

export interface ObjectReader {
  /**
   * The object named by `name` (a sha or any revision git understands), or null when it does not
   * exist. In `batch-check` mode `content` is empty and `size` alone tells the length.
   */
  read(name: string): Promise<(GitObject & { readonly size: number }) | null>;
  close(): void;
}

interface Pending {
  readonly resolve: (object: (GitObject & { readonly size: number }) | null) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One long-lived `git cat-file --batch` per repository: reading an object costs a pipe round
 * trip instead of a process start, which is what lets the simulator serve hundreds of reads a second.
 */
export function createObjectReader(gitDir: string, mode: 'batch' | 'batch-check' = 'batch'): ObjectReader {
  const hasContent = mode === 'batch';
  let child: ChildProcessWithoutNullStreams | undefined;
  let buffer: Buffer = Buffer.alloc(0);
  const queue: Pending[] = [];

  function start(): ChildProcessWithoutNullStreams {
    const process_ = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', `--${mode}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    process_.stdout.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      drain();
    });
    process_.stdin.on('error', () => {});
    process_.on('close', () => {
      if (child === process_) child = undefined;
      buffer = Buffer.alloc(0);
      for (const pending of queue.splice(0)) {
        pending.reject(
          new HealingError('GIT_FAILED', `git cat-file --batch in ${gitDir} exited; retry the request`),
        );
      }
    });
    return process_;
  }

  function drain(): void {
    while (queue.length > 0) {
      const newline = buffer.indexOf(10);
      if (newline < 0) return;
      const header = buffer.subarray(0, newline).toString('utf8');
      const parts = header.split(' ');
      if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
        buffer = buffer.subarray(newline + 1);
        queue.shift()?.resolve(null);
        continue;
      }
      const size = Number(parts[2]);
      const bodyLength = hasContent ? size + 1 : 0;
      if (buffer.length < newline + 1 + bodyLength) return;
      const content = hasContent
        ? Buffer.from(buffer.subarray(newline + 1, newline + 1 + size))
        : Buffer.alloc(0);
      buffer = buffer.subarray(newline + 1 + bodyLength);
      queue.shift()?.resolve({ sha: parts[0] ?? '', type: parts[1] as GitObjectType, content, size });
    }
  }

  return {
    read(name) {
      if (name.includes('\n') || name.length === 0) return Promise.resolve(null);
      child ??= start();
      const process_ = child;
      return new Promise((resolve, reject) => {
        queue.push({ resolve, reject });
        process_.stdin.write(`${name}\n`);
      });
    },
    close() {
      child?.stdin.end();
      child?.kill();
      child = undefined;
    },
  };
}

import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { GIT_ENV } from './git.js';

/** A long-lived `git cat-file --batch`, so reading thousands of blobs costs one process. */
export interface BlobReader {
  read(objectId: string): Promise<Buffer>;
  close(): void;
}

export function createBlobReader(repo: string): BlobReader {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn('git', ['cat-file', '--batch'], {
    cwd: repo,
    env: GIT_ENV,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let buffered = Buffer.alloc(0);
  const waiting: Array<{ resolve: (blob: Buffer) => void; reject: (error: Error) => void }> = [];
  const drain = () => {
    while (waiting.length > 0) {
      const newline = buffered.indexOf(0x0a);
      if (newline === -1) return;
      const header = buffered.toString('utf8', 0, newline);
      const [, type, sizeText] = header.split(' ');
      if (type === 'missing' || sizeText === undefined) {
        buffered = buffered.subarray(newline + 1);
        waiting.shift()?.reject(new Error(`git cat-file: ${header}`));
        continue;
      }
      const size = Number(sizeText);
      if (buffered.length < newline + 1 + size + 1) return;
      const blob = Buffer.from(buffered.subarray(newline + 1, newline + 1 + size));
      buffered = buffered.subarray(newline + 1 + size + 1);
      waiting.shift()?.resolve(blob);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    drain();
  });
  return {
    read(objectId) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${objectId}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

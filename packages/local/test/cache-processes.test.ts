import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The piscina worker must be compiled JS, so these tests run the built package (turbo builds
// before it tests); the types come from the source, so type-checking needs no build.
const distUrl = new URL('../dist/index.js', import.meta.url).href;
const { createSqliteCache } = (await import(distUrl)) as typeof import('../src/index.js');

let directory: string;
let path: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'healing-cache-processes-'));
  path = join(directory, 'shared.sqlite');
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

/** Runs an ES module in a fresh node process with the built package in scope as `local`. */
function runScript(body: string, args: string[]): ChildProcess {
  const source = `import * as local from ${JSON.stringify(distUrl)};\n${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source, '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const writerScript = `
const [path, name, count] = process.argv.slice(-3);
const cache = local.createSqliteCache({ path, threads: 1 });
const total = Number(count);
for (let start = 0; start < total; start += 250) {
  const writes = [];
  for (let index = start; index < Math.min(total, start + 250); index += 1) {
    writes.push(cache.set(name + ':' + index, { writer: name, index }));
  }
  await Promise.all(writes);
}
await cache.close();
process.stdout.write('wrote ' + total + '\\n');
`;

describe('sqlite cache shared by processes', () => {
  it('4 processes x 5,000 writes on one file at once: every write is readable, no SQLITE_BUSY', async () => {
    const writers = ['p0', 'p1', 'p2', 'p3'];
    const results = await Promise.all(
      writers.map((name) => finished(runScript(writerScript, [path, name, '5000']))),
    );
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ code: 0, stdout: 'wrote 5000\n' });
    }
    const cache = createSqliteCache({ path, threads: 2 });
    try {
      for (const name of writers) {
        const keys = Array.from({ length: 5000 }, (_, index) => `${name}:${index}`);
        const values = await cache.getMany(keys);
        const missing = values.flatMap((value, index) =>
          JSON.stringify(value) === JSON.stringify({ writer: name, index }) ? [] : [index],
        );
        expect(missing, `writes of ${name} lost`).toEqual([]);
      }
      expect((await cache.stats()).entries).toBe(20_000);
    } finally {
      await cache.close();
    }
  }, 60_000);

  it('4 processes x 300 appends to one list at once: the list holds all 1,200', async () => {
    const appender = `
const [path, name] = process.argv.slice(-2);
const cache = local.createSqliteCache({ path, threads: 1 });
await Promise.all(Array.from({ length: 300 }, (_, index) => cache.append('shared-list', name + ':' + index)));
await cache.close();
`;
    const results = await Promise.all(
      ['p0', 'p1', 'p2', 'p3'].map((name) => finished(runScript(appender, [path, name]))),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
    const cache = createSqliteCache({ path, threads: 1 });
    try {
      const list = (await cache.get('shared-list')) as string[];
      expect(list).toHaveLength(1200);
      expect(new Set(list).size).toBe(1200);
    } finally {
      await cache.close();
    }
  }, 60_000);

  it('a writer killed with SIGKILL mid-stream loses no acknowledged write', async () => {
    const child = runScript(
      `
const [path] = process.argv.slice(-1);
const cache = local.createSqliteCache({ path, threads: 1 });
for (let start = 0; start < 1_000_000; start += 50) {
  const writes = [];
  for (let index = start; index < start + 50; index += 1) writes.push(cache.set('k:' + index, index));
  await Promise.all(writes);
  process.stdout.write('ack ' + (start + 49) + '\\n');
}
`,
      [path],
    );
    let lastAck = -1;
    const outcome = finished(child);
    await new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error('the writer never acknowledged 3,000 writes')), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/ack (\d+)/g)) lastAck = Number(match[1]);
        if (lastAck >= 3000 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          clearTimeout(guard);
          resolve();
        }
      });
    });
    const result = await outcome;
    expect(result.signal).toBe('SIGKILL');
    for (const match of result.stdout.matchAll(/ack (\d+)/g)) lastAck = Math.max(lastAck, Number(match[1]));
    const cache = createSqliteCache({ path, threads: 1 });
    try {
      const keys = Array.from({ length: lastAck + 1 }, (_, index) => `k:${index}`);
      const values = await cache.getMany(keys);
      const lost = values.flatMap((value, index) => (value === index ? [] : [index]));
      expect(lost).toEqual([]);
      // The file still takes writes after the crash.
      await cache.set('after-crash', true);
      expect(await cache.get('after-crash')).toBe(true);
    } finally {
      await cache.close();
    }
  }, 60_000);

  it('SQLite itself never loads on the caller thread', async () => {
    const result = await finished(
      runScript(
        `
import { createRequire } from 'node:module';

const [path] = process.argv.slice(-1);
const cache = local.createSqliteCache({ path, threads: 1 });
await cache.set('a', 1);
const value = await cache.get('a');
await cache.close();
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((id) => id.includes('better-sqlite3'));
process.stdout.write(JSON.stringify({ value, loaded }));
`,
        [path],
      ),
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ value: 1, loaded: [] });
  });
});

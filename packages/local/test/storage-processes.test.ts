import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const distUrl = new URL('../dist/index.js', import.meta.url).href;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'healing-fs-processes-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

// Each process adds to a counter file by read, compare-and-swap write, retry on conflict.
const incrementer = `
import { createFsStorage } from ${JSON.stringify(distUrl)};
const [root, lockDirectory, times] = process.argv.slice(-3);
const storage = createFsStorage({ root, lockDirectory });
let conflicts = 0;
for (let done = 0; done < Number(times); ) {
  const file = await storage.read('counter.txt');
  try {
    await storage.write('counter.txt', String(Number(new TextDecoder().decode(file.content)) + 1), {
      expectedVersion: file.version,
    });
    done += 1;
  } catch (error) {
    if (error.code !== 'VERSION_CONFLICT' || ++conflicts > 100000) throw error;
  }
}
process.stdout.write(String(conflicts));
`;

function runIncrementer(
  lockDirectory: string,
  times: number,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', incrementer, '--', root, lockDirectory, String(times)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('fs storage shared by processes', () => {
  it('compare-and-swap increments from 4 processes at once lose nothing', async () => {
    await writeFile(join(root, 'counter.txt'), '0');
    const lockDirectory = join(root, '.git', 'healing-locks');
    const results = await Promise.all(Array.from({ length: 4 }, () => runIncrementer(lockDirectory, 40)));
    for (const result of results) expect(result).toEqual({ code: 0, stderr: '' });
    expect(await readFile(join(root, 'counter.txt'), 'utf8')).toBe('160');
  }, 60_000);
});

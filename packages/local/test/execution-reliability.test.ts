import { isProcessAlive, waitUntilGone } from '@healing/adapters/testing';
import { describe, expect, it } from 'vitest';
import { createProcessExecution } from '../src/execution/process-execution.js';

const node = process.execPath;
const execution = createProcessExecution({ killGraceMs: 300 });
const pidsIn = (text: string): number[] => [...text.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));

// Every process in this tree ignores SIGTERM, so only the group-wide SIGKILL ends it.
const STUBBORN_TREE = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const script = "process.on('SIGTERM', () => {}); const { spawn } = require('node:child_process');" +
  "const c = spawn(process.execPath, ['-e', \\"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\\"], { stdio: 'ignore' });" +
  "console.log('pid=' + process.pid + ' pid=' + c.pid); setInterval(() => {}, 1000)";
for (let i = 0; i < 3; i++) spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'ignore'] });
console.log('pid=' + process.pid);
setInterval(() => {}, 1000);
`;

describe('process execution under stress', () => {
  it('a tree of processes that all ignore SIGTERM ends on timeout, every pid gone', async () => {
    const result = await execution.run({ command: [node, '-e', STUBBORN_TREE], timeoutMs: 1500 });
    expect(result.timedOut).toBe(true);
    const pids = pidsIn(result.stdout);
    expect(pids).toHaveLength(7);
    expect(await waitUntilGone(pids)).toEqual([]);
  });

  it('background children left by a finished command are ended, and do not hold the run open', async () => {
    const result = await execution.run({ command: 'sleep 30 & echo pid=$!', timeoutMs: 20_000 });
    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    const [pid] = pidsIn(result.stdout);
    expect(pid).toBeDefined();
    expect(await waitUntilGone([pid ?? 0])).toEqual([]);
  });

  it('100 MB of output keeps only the capped tail and memory stays bounded', async () => {
    const cap = 1024 * 1024;
    const script =
      'const chunk = Buffer.alloc(1 << 20, 120); let left = 100;' +
      'const next = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once("drain", next); }' +
      ' process.stdout.write("THE-END"); };' +
      'console.log("pid=" + process.pid); next();';
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const result = await execution.run({
      command: [node, '-e', script],
      maxOutputBytes: cap,
      timeoutMs: 60_000,
    });
    clearInterval(sampler);
    expect(result.exitCode).toBe(0);
    expect(result.outputTruncated).toBe(true);
    expect(Buffer.byteLength(result.stdout)).toBe(cap);
    expect(result.stdout.endsWith('xxxTHE-END')).toBe(true);
    // Keeping the whole output would cost at least its 100 MB.
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
  });

  it('an abort while the tree is still starting leaves nothing running', async () => {
    const controller = new AbortController();
    const running = execution.run({ command: [node, '-e', STUBBORN_TREE], signal: controller.signal });
    setTimeout(() => controller.abort(), 800);
    const result = await running;
    expect(result.aborted).toBe(true);
    const pids = pidsIn(result.stdout);
    expect(pids.length).toBeGreaterThan(0);
    expect(await waitUntilGone(pids)).toEqual([]);
    expect(pids.some(isProcessAlive)).toBe(false);
  });
});

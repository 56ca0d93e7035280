import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));

interface DemoResult {
  readonly root: string;
  readonly scenarios: ReadonlyArray<{ name: string; outcome: string; asExpected: boolean }>;
}

describe('heal demo (built binary, slow)', () => {
  it('heals the four sample repositories offline, each as expected', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [heal, 'demo', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (error, out) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out });
      });
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; result?: DemoResult });
    const result = lines.at(-1)?.result;
    expect(result?.scenarios).toEqual([
      { name: 'flaky', outcome: 'flaky', asExpected: true },
      { name: 'regression', outcome: 'healed', asExpected: true },
      { name: 'formatting', outcome: 'healed', asExpected: true },
      { name: 'logic-bug', outcome: 'healed', asExpected: true },
    ]);
    expect(lines.filter((line) => line.event === 'delivered')).toHaveLength(3);
    expect(lines.filter((line) => line.event === 'candidate-rejected').length).toBeGreaterThanOrEqual(1);
    expect(code).toBe(0);
  }, 180_000);
});

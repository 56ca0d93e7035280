import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));

interface DemoResult {
  readonly root: string;
  readonly scenarios: ReadonlyArray<{ name: string; outcome: string; asExpected: boolean; link?: string }>;
}

function runDemo(
  args: string[],
): Promise<{ code: number; lines: Array<{ event: string; result?: DemoResult }> }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [heal, 'demo', '--json', ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, out) => {
        const lines = out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { event: string; result?: DemoResult });
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, lines });
      },
    );
  });
}

describe('heal demo (built binary, slow)', () => {
  it('with --github heals through the simulator, ending in pull requests', async () => {
    const { code, lines } = await runDemo(['--github']);
    const scenarios = lines.at(-1)?.result?.scenarios ?? [];
    expect(scenarios.map(({ name, outcome, asExpected }) => ({ name, outcome, asExpected }))).toEqual([
      { name: 'flaky', outcome: 'flaky', asExpected: true },
      { name: 'regression', outcome: 'healed', asExpected: true },
      { name: 'formatting', outcome: 'healed', asExpected: true },
      { name: 'logic-bug', outcome: 'healed', asExpected: true },
    ]);
    for (const name of ['regression', 'formatting', 'logic-bug']) {
      expect(scenarios.find((scenario) => scenario.name === name)?.link).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/demo\/[\w-]+\/pull\/1$/,
      );
    }
    expect(code).toBe(0);
  }, 240_000);

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
    expect(result?.scenarios.map(({ name, outcome, asExpected }) => ({ name, outcome, asExpected }))).toEqual(
      [
        { name: 'flaky', outcome: 'flaky', asExpected: true },
        { name: 'regression', outcome: 'healed', asExpected: true },
        { name: 'formatting', outcome: 'healed', asExpected: true },
        { name: 'logic-bug', outcome: 'healed', asExpected: true },
      ],
    );
    expect(lines.filter((line) => line.event === 'delivered')).toHaveLength(3);
    expect(lines.filter((line) => line.event === 'candidate-rejected').length).toBeGreaterThanOrEqual(1);
    expect(code).toBe(0);
  }, 180_000);
});

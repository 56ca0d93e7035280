import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from './demo-git.js';
import { createDemoScenario, DEMO_SCENARIOS } from './demo-scenarios.js';

function runTests(dir: string, command: readonly string[]): { status: number | null; report: string } {
  const [program, ...args] = command;
  const result = spawnSync(program ?? 'node', args, { cwd: dir, encoding: 'utf8' });
  const reportArg = args.find((arg) => arg.startsWith('--test-reporter-destination=/'));
  const report = reportArg ? readFileSync(reportArg.split('=')[1] ?? '', 'utf8') : '';
  return { status: result.status, report };
}

describe('demo scenarios', () => {
  for (const name of DEMO_SCENARIOS) {
    it(`${name}: a clean git repository whose tests fail`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'heal-demo-test-'));
      const scenario = await createDemoScenario(name, root);
      expect(await git(scenario.dir, ['status', '--porcelain'])).toBe('');
      const command = (scenario.config.test as { command: string[] }).command;
      const first = runTests(scenario.dir, command);
      expect(first.status).not.toBe(0);
      expect(first.report).toContain('<failure');
      if (name === 'flaky') expect(runTests(scenario.dir, command).status).toBe(0);
      else expect(runTests(scenario.dir, command).status).not.toBe(0);
    }, 30_000);
  }

  it('regression: 30 commits, and the suite passed before the culprit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heal-demo-test-'));
    const scenario = await createDemoScenario('regression', root);
    const shas = (await git(scenario.dir, ['rev-list', '--reverse', 'HEAD'])).split('\n');
    expect(shas).toHaveLength(30);
    expect(await git(scenario.dir, ['log', '-1', '--format=%s', shas[19] ?? ''])).toBe(
      'Speed up add with integer arithmetic',
    );
    await git(scenario.dir, ['checkout', '-q', shas[18] ?? '']);
    expect(runTests(scenario.dir, (scenario.config.test as { command: string[] }).command).status).toBe(0);
  }, 30_000);

  it('logic-bug: the scripted answers are diffs git applies, and the second one fixes the tests', async () => {
    const root = mkdtempSync(join(tmpdir(), 'heal-demo-test-'));
    const scenario = await createDemoScenario('logic-bug', root);
    expect(scenario.modelAnswers).toHaveLength(2);
    const [weaken, fix] = scenario.modelAnswers.map(
      (answer) => /```diff\n([\s\S]*?)```/.exec(answer)?.[1] ?? '',
    );
    expect(weaken).toContain('test/cart.test.js');
    const apply = spawnSync('git', ['apply', '-'], { cwd: scenario.dir, input: fix, encoding: 'utf8' });
    expect(apply.status).toBe(0);
    expect(runTests(scenario.dir, (scenario.config.test as { command: string[] }).command).status).toBe(0);
  }, 30_000);
});

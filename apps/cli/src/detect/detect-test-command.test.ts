import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTestCommand } from './detect-test-command.js';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-detect-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const report = '/tmp/heal-report/report.xml';
const scripts = (test: string): string => JSON.stringify({ scripts: { test } });

describe('detectTestCommand', () => {
  it('asks vitest for a JUnit report through the package manager of the lockfile', () => {
    const detected = detectTestCommand(
      repo({ 'package.json': scripts('vitest run'), 'pnpm-lock.yaml': '' }),
      report,
    );
    expect(detected?.command).toEqual([
      'pnpm',
      'test',
      '--reporter=default',
      '--reporter=junit',
      `--outputFile.junit=${report}`,
    ]);
    expect(detected?.report).toEqual({ format: 'junit', path: report });
  });

  it('passes jest arguments after -- with npm', () => {
    const detected = detectTestCommand(repo({ 'package.json': scripts('jest --ci') }), report);
    expect(detected?.command).toEqual(['npm', 'test', '--', '--json', `--outputFile=${report}`]);
    expect(detected?.report?.format).toBe('jest-json');
  });

  it("uses node's own JUnit reporter for node --test", () => {
    const detected = detectTestCommand(
      repo({ 'package.json': scripts('node --test test/'), 'yarn.lock': '' }),
      report,
    );
    expect(detected?.command).toContain(`--test-reporter-destination=${report}`);
    expect(detected?.command?.[0]).toBe('yarn');
  });

  it('falls back to the exit code for other scripts', () => {
    const detected = detectTestCommand(repo({ 'package.json': scripts('mocha') }), report);
    expect(detected).toMatchObject({ command: ['npm', 'test'] });
    expect(detected?.report).toBeUndefined();
  });

  it("ignores npm's placeholder test script and finds nothing else", () => {
    expect(
      detectTestCommand(
        repo({ 'package.json': scripts('echo "Error: no test specified" && exit 1') }),
        report,
      ),
    ).toBeNull();
  });

  it('finds pytest, go, cargo and make', () => {
    expect(detectTestCommand(repo({ 'pytest.ini': '[pytest]\n' }), report)?.command).toEqual([
      'python3',
      '-m',
      'pytest',
      `--junitxml=${report}`,
    ]);
    expect(
      detectTestCommand(repo({ 'tests/test_app.py': 'def test_x(): pass\n' }), report)?.report?.format,
    ).toBe('junit');
    expect(detectTestCommand(repo({ 'go.mod': 'module x\n' }), report)?.command).toEqual([
      'go',
      'test',
      './...',
    ]);
    expect(detectTestCommand(repo({ 'Cargo.toml': '[package]\n' }), report)?.command).toEqual([
      'cargo',
      'test',
    ]);
    expect(detectTestCommand(repo({ Makefile: 'test:\n\techo ok\n' }), report)?.command).toEqual([
      'make',
      'test',
    ]);
  });

  it('does not mistake a pyproject without pytest for a pytest project', () => {
    expect(detectTestCommand(repo({ 'pyproject.toml': '[project]\nname = "x"\n' }), report)).toBeNull();
  });

  it('returns null for an empty directory', () => {
    expect(detectTestCommand(repo({}), report)).toBeNull();
  });
});

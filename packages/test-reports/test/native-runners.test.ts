import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FocusTest } from '@healing/adapters';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain, runPlanned, writeFiles } from './run-planned.js';

const has = (program: string, args: string[]): boolean =>
  spawnSync(program, args, { stdio: 'ignore' }).status === 0;
const HAS_PYTEST = has('python3', ['-m', 'pytest', '--version']);
const HAS_CARGO = has('cargo', ['--version']);
// Go is not on every machine (Debian's golang-go installs it); these runs are skipped, by name, without it.
const HAS_GO = has('go', ['version']);

const PYTEST_FILES = {
  'package.json': JSON.stringify({ scripts: { test: 'python3 -m pytest -p no:cacheprovider tests/' } }),
  'tests/test_math.py': `import pytest

def test_adds():
    assert 1 + 1 == 2

class TestDivision:
    def test_divides(self):
        assert 6 / 3 == 3, "division is off"

    @pytest.mark.skip(reason="later")
    def test_rounds(self):
        pass

@pytest.mark.parametrize("a,b", [(1, 1), (2, 3)])
def test_equal(a, b):
    assert a == b
`,
  'tests/test_io.py': 'def test_reads():\n    pass\n',
  'broken/test_missing.py': 'import requests_not_installed_here\n\ndef test_x():\n    pass\n',
  'empty/README': '',
};

describe.skipIf(!HAS_PYTEST)('pytest (system python)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'healing-pytest-'));
    await writeFiles(dir, PYTEST_FILES);
  });
  const failed = ['tests/test_math.py > TestDivision::test_divides', 'tests/test_math.py > test_equal[2-3]'];

  it.each([['python3 -m pytest -p no:cacheprovider tests/'], ['npm test']])(
    '%s: junit report, class and params in ids',
    async (line) => {
      const run = await runPlanned(dir, line);
      expect(run.read.result, explain(run)).toMatchObject({ runner: 'pytest', source: 'junit', skipped: 1 });
      expect(run.read.result.failedTests.map((test) => test.id)).toEqual(failed);
      expect(run.read.result.failedTests[0]?.message).toMatch(/division is off/);
      expect(run.read.result.passedTestIds.sort()).toEqual([
        'tests/test_io.py > test_reads',
        'tests/test_math.py > test_adds',
        'tests/test_math.py > test_equal[1-1]',
      ]);
    },
  );

  it('focus with -k runs only the failing tests', async () => {
    const first = await runPlanned(dir, 'npm test');
    const focus: FocusTest[] = first.read.result.failedTests.map(({ id, name, file }) => ({
      id,
      name,
      file,
    }));
    const run = await runPlanned(dir, 'npm test', { focus });
    expect(run.plan.focused).toBe(true);
    expect(
      run.read.result.failedTests.map((test) => test.id),
      explain(run),
    ).toEqual(failed);
    expect(run.read.result.passedTestIds).toEqual([]);
  });

  it('a missing package is missing-dependency; an empty folder is no-tests', async () => {
    const missing = await runPlanned(dir, 'python3 -m pytest -p no:cacheprovider broken/');
    expect(missing.read.problem, explain(missing)).toMatchObject({ kind: 'missing-dependency' });
    expect(missing.read.problem?.message).toMatch(/requests_not_installed_here/);
    const empty = await runPlanned(dir, 'python3 -m pytest -p no:cacheprovider empty/');
    expect(empty.read.problem?.kind, explain(empty)).toBe('no-tests');
  });
});

const CRATE = {
  'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n',
  'src/lib.rs': `pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(1, 1), 2);
    }

    #[test]
    fn divides_exactly() {
        assert_eq!(add(1, 1), 3, "division is off");
    }

    #[test]
    #[ignore]
    fn rounds() {}
}
`,
  'tests/api.rs': '#[test]\nfn api_adds() {\n    assert_eq!(calc::add(2, 2), 4);\n}\n',
};

describe.skipIf(!HAS_CARGO)('cargo test (a crate without dependencies: nothing to fetch)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'healing-cargo-'));
    await writeFiles(dir, CRATE);
  });

  it('reads libtest console: ids carry the target file; focus with --exact', async () => {
    const run = await runPlanned(dir, 'cargo test');
    // The planner asks for every test binary: one failing target does not hide the others.
    expect(run.plan.command).toBe('cargo test --no-fail-fast');
    expect(run.read.result, explain(run)).toMatchObject({ runner: 'cargo', source: 'console', skipped: 1 });
    expect(run.read.result.failedTests.map((test) => [test.id, test.message])).toEqual([
      ['src/lib.rs > tests::divides_exactly', 'assertion `left == right` failed: division is off'],
    ]);
    expect(run.read.result.passedTestIds).toEqual(['src/lib.rs > tests::adds', 'tests/api.rs > api_adds']);
    const focus = [
      { id: 'src/lib.rs > tests::divides_exactly', name: 'tests::divides_exactly', file: 'src/lib.rs' },
    ];
    const focused = await runPlanned(dir, 'cargo test', { focus });
    expect(focused.plan.focused).toBe(true);
    expect(
      focused.read.result.failedTests.map((test) => test.id),
      explain(focused),
    ).toEqual([focus[0]?.id]);
    expect(focused.read.result.passedTestIds).toEqual([]);
  });
});

const GO_MODULE = {
  'go.mod': 'module example.com/gp\n\ngo 1.19\n',
  'package.json': JSON.stringify({ scripts: { test: 'go test ./...' } }),
  'calc/calc.go': 'package calc\n\nfunc Add(a, b int) int { return a + b }\n',
  'calc/calc_test.go': `package calc

import "testing"

func TestAdd(t *testing.T) {
	if Add(1, 1) != 2 {
		t.Fatal("bad")
	}
}

func TestDiv(t *testing.T) {
	t.Run("by zero", func(t *testing.T) { t.Errorf("got %d, want %d", 1, 2) })
	t.Run("ok", func(t *testing.T) {})
}
`,
  'empty/e.go': 'package empty\n',
};

describe.skipIf(!HAS_GO)('go test', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'healing-go-'));
    await writeFiles(dir, GO_MODULE);
  });

  it.each([['go test ./...'], ['npm test']])(
    '%s: -json events, subtests as leaves; focus with -run',
    async (line) => {
      const env = { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
      const run = await runPlanned(dir, line, { env });
      expect(run.read.result, explain(run)).toMatchObject({ runner: 'go', source: 'go-json' });
      expect(run.plan.env.GOFLAGS).toMatch(/^-mod=mod/);
      expect(run.read.result.failedTests.map((test) => [test.id, test.message])).toEqual([
        ['example.com/gp/calc > TestDiv/by_zero', 'calc_test.go:12: got 1, want 2'],
      ]);
      expect(run.read.result.passedTestIds).toEqual([
        'example.com/gp/calc > TestAdd',
        'example.com/gp/calc > TestDiv/ok',
      ]);
      const focus = [{ id: 'example.com/gp/calc > TestDiv/by_zero', name: 'TestDiv/by_zero', file: null }];
      const focused = await runPlanned(dir, line, { env, focus });
      expect(focused.plan.focused).toBe(true);
      expect(focused.read.result.passedTestIds, explain(focused)).toEqual([
        'example.com/gp/calc > TestDiv/ok',
      ]);
    },
  );
});

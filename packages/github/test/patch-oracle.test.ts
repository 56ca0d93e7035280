import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubGit, type GitHubGit } from '../src/index.js';
import { git, OWNER, type SimulatorFixture, startSimulator, tempDir } from './support/simulator.js';

// The differential check against git itself: ../shared/oracle/diffcases.py builds a random
// repository per seed (text, CRLF, binaries, symlinks, modes, renames, copies, file/directory
// swaps) and the patch git makes for a random mutation. Run with `--cmd false` every case is
// "failed" and kept, which hands us the repository and its patch. Each is applied twice: by
// real `git apply`, and by the GitHub adapter on the simulator (seeded from that repository).
// Both must produce git's tree for the mutated commit.

const ORACLE = new URL('../../../../shared/oracle/diffcases.py', import.meta.url).pathname;
// The oracle is not part of this repository: it sits beside the checkout in CI. A clone elsewhere
// reports these cases as skipped rather than failing (or passing with no case at all).
const hasOracle = existsSync(ORACLE);
const SEEDS = { from: 1, to: 24 };

interface OracleCase {
  readonly seed: number;
  readonly repository: string;
  readonly patch: string;
  readonly before: string;
  readonly wantTree: string;
}

const keep = tempDir('github-oracle-');
let cases: OracleCase[] = [];
let fixture: SimulatorFixture;

beforeAll(async () => {
  if (!hasOracle) return;
  // Exit 1 is expected: every case "fails" under `false` and is therefore kept.
  try {
    execFileSync(
      'python3',
      [
        ORACLE,
        '--cmd',
        'false',
        '--seeds',
        `${SEEDS.from}-${SEEDS.to}`,
        '--keep',
        keep.path,
        '--no-negative',
      ],
      {
        stdio: 'ignore',
      },
    );
  } catch {}
  cases = readdirSync(keep.path)
    .filter((name) => name.startsWith('seed-'))
    .map((name) => {
      const repository = join(keep.path, name, 'base');
      return {
        seed: Number(name.slice('seed-'.length)),
        repository,
        patch: readFileSync(join(keep.path, name, 'change.patch'), 'utf8'),
        before: git(repository, ['rev-parse', 'HEAD']).trim(),
        wantTree: git(repository, ['rev-parse', 'refs/heads/master^{tree}']).trim(),
      };
    })
    .sort((a, b) => a.seed - b.seed);
  fixture = await startSimulator(
    cases.map((oracleCase) => ({
      name: `seed-${oracleCase.seed}`,
      seedFrom: oracleCase.repository,
      defaultBranch: 'master',
    })),
  );
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
  keep.remove();
});

function gitApplyTree(oracleCase: OracleCase): string {
  const work = tempDir('github-oracle-apply-');
  try {
    git(work.path, ['clone', '--quiet', '--no-checkout', oracleCase.repository, 'repo']);
    const repo = join(work.path, 'repo');
    git(repo, ['checkout', '--quiet', oracleCase.before]);
    try {
      git(repo, ['apply', '--index', '--binary', '-'], oracleCase.patch);
    } catch {
      // Patches made with -U0 (the oracle picks a random context) need git's --unidiff-zero.
      git(repo, ['apply', '--index', '--binary', '--unidiff-zero', '-'], oracleCase.patch);
    }
    return git(repo, ['write-tree']).trim();
  } finally {
    work.remove();
  }
}

describe.skipIf(!hasOracle)(
  'commitPatch agrees with git apply on the oracle cases (needs ../shared/oracle beside the checkout)',
  () => {
    it(`kept every seed ${SEEDS.from}-${SEEDS.to}`, () => {
      expect(cases.map((oracleCase) => oracleCase.seed)).toEqual(
        Array.from({ length: SEEDS.to - SEEDS.from + 1 }, (_, index) => SEEDS.from + index),
      );
      expect(existsSync(ORACLE)).toBe(true);
    });

    it("gives git apply's tree, which is git's tree for the mutated commit, for every seed", {
      timeout: 240_000,
    }, async () => {
      expect(cases).toHaveLength(SEEDS.to - SEEDS.from + 1);
      const octokit = await fixture.client();
      const mismatches: string[] = [];
      const applyOne = async (oracleCase: OracleCase) => {
        const adapter: GitHubGit = createGitHubGit({
          octokit,
          owner: OWNER,
          repo: `seed-${oracleCase.seed}`,
        });
        const viaGit = gitApplyTree(oracleCase);
        const { sha } = await adapter.commitPatch(oracleCase.patch, {
          branch: 'heal',
          base: oracleCase.before,
          message: 'apply',
        });
        const bare = fixture.sim.repositoryPath(OWNER, `seed-${oracleCase.seed}`);
        const viaGitHub = git(bare, ['rev-parse', `${sha}^{tree}`]).trim();
        const parent = git(bare, ['rev-parse', `${sha}^`]).trim();
        if (
          viaGit !== oracleCase.wantTree ||
          viaGitHub !== oracleCase.wantTree ||
          parent !== oracleCase.before
        ) {
          mismatches.push(
            `seed ${oracleCase.seed}: want ${oracleCase.wantTree}, git apply ${viaGit}, GitHub ${viaGitHub}, parent ${parent}`,
          );
        }
      };
      for (let index = 0; index < cases.length; index += 4)
        await Promise.all(cases.slice(index, index + 4).map(applyOne));
      expect(mismatches).toEqual([]);
    });
  },
);

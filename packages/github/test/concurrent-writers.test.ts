import { type FileChange, gitBlobId, HealingError } from '@healing/adapters';
import type { FaultSpec } from '@healing/github-sim';
import { createPatch } from '@healing/patch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubGit, createGitHubStorage } from '../src/index.js';
import { pick, seededRandom } from './support/random.js';
import { git, OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

// Seeded, bounded randomised runs: writers race on one branch through every write path
// (contents API writes with and without compare-and-swap, multi-file commits with binaries
// and deletes, patches) while the simulator injects faults. Afterwards the real git history
// (including answers lost after the write took effect) must be linear, hold exactly one commit per successful operation and none per failed one,
// and every commit's tree must equal the model built by replaying the operations in order.

const REPO = 'race';
const SEEDS = [11, 23, 37, 41, 53];
const ROUNDS = 10;
const WRITERS = 4;
const PATHS = ['shared/a.txt', 'shared/b.txt', 'shared/c.txt', 'other/d.txt', 'other/e.bin', 'f.txt'];
const ALLOWED_FAILURES = new Set([
  'VERSION_CONFLICT',
  'GITHUB_CONFLICT',
  'PATCH_CONFLICT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
]);
const encoder = new TextEncoder();
// Backoff between retries, scaled down: the simulator answers in milliseconds, not GitHub's hundreds.
const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds / 10));

type Effects = Map<string, string | null>;
interface Outcome {
  readonly tag: string;
  readonly ok: boolean;
  effects: Effects;
  readonly error?: unknown;
}

let fixture: SimulatorFixture;
beforeAll(async () => {
  fixture = await startSimulator([{ name: REPO }]);
});
afterAll(() => fixture.stop());

function content(random: () => number, path: string, tag: string): Uint8Array {
  if (path.endsWith('.bin'))
    return new Uint8Array([0, 1, 2, ...encoder.encode(tag), Math.floor(random() * 256)]);
  return encoder.encode(`${tag}\nline ${Math.floor(random() * 1000)}\n`);
}

function faultFor(random: () => number, round: number): FaultSpec | null {
  const roll = random();
  if (roll < 0.15)
    return {
      route: '/repos/{owner}/{repo}/git/refs/{ref}',
      kind: 'concurrent-push',
      files: { [`pushed/${round}.txt`]: `push ${round}\n` },
      message: `push-${round}`,
    };
  if (roll < 0.22) {
    return {
      route: '/repos/{owner}/{repo}/git/refs/{ref}',
      kind: 'concurrent-push',
      files: { 'shared/a.txt': `pushed over a ${round}\n` },
      message: `push-${round}`,
    };
  }
  if (roll < 0.32) return { route: '/repos/{owner}/{repo}/git/refs/{ref}', kind: 'status', status: 502 };
  if (roll < 0.4)
    return { route: '/repos/{owner}/{repo}/contents/{path}', method: 'PUT', kind: 'status', status: 409 };
  if (roll < 0.47) return { route: '/repos/{owner}/{repo}/git/trees', kind: 'drop' };
  if (roll < 0.54)
    return {
      route: '/repos/{owner}/{repo}/branches/{branch}',
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
    };
  // Lost answers: the write took effect and only the response vanished; a retry must not duplicate it.
  if (roll < 0.62) return { route: '/repos/{owner}/{repo}/git/refs/{ref}', kind: 'drop', afterServing: true };
  if (roll < 0.7)
    return {
      route: '/repos/{owner}/{repo}/contents/{path}',
      method: 'PUT',
      kind: 'drop',
      afterServing: true,
    };
  return null;
}

async function runOperation(
  random: () => number,
  writer: {
    storage: ReturnType<typeof createGitHubStorage>;
    git: ReturnType<typeof createGitHubGit>;
    tag: { current: string };
  },
  tag: string,
): Promise<Outcome> {
  writer.tag.current = tag;
  const effects: Effects = new Map();
  const kind = pick(random, ['write-cas', 'write', 'commit', 'patch'] as const);
  try {
    if (kind === 'write-cas' || kind === 'write') {
      const path = pick(random, PATHS);
      const bytes = content(random, path, tag);
      const current = kind === 'write-cas' ? await writer.storage.read(path) : undefined;
      const mode = random() < 0.15 ? ('100755' as const) : undefined;
      effects.set(path, gitBlobId(bytes));
      await writer.storage.write(path, bytes, {
        ...(mode ? { mode } : {}),
        ...(kind === 'write-cas' ? { expectedVersion: current?.version ?? null } : {}),
      });
    } else if (kind === 'commit') {
      const paths = [
        ...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, PATHS))),
      ];
      const withExpected = random() < 0.5;
      const expectedVersions: Record<string, string | null> = {};
      const changes: FileChange[] = [];
      for (const path of paths) {
        if (withExpected) expectedVersions[path] = (await writer.storage.read(path))?.version ?? null;
        if (random() < 0.2) {
          changes.push({ kind: 'delete', path });
          effects.set(path, null);
        } else {
          const bytes = content(random, path, tag);
          changes.push({ kind: 'write', path, content: bytes, mode: '100644' });
          effects.set(path, gitBlobId(bytes));
        }
      }
      await writer.storage.commit(changes, { message: tag, ...(withExpected ? { expectedVersions } : {}) });
    } else {
      const path = pick(
        random,
        PATHS.filter((candidate) => !candidate.endsWith('.bin')),
      );
      const file = await writer.storage.read(path);
      const before = new Map(file ? [[path, { content: file.content, mode: file.mode }]] : []);
      const after = new Map([[path, { content: content(random, path, tag), mode: '100644' as const }]]);
      const result = await writer.git.commitPatch(createPatch(before, after), {
        branch: 'main',
        message: tag,
      });
      for (const change of result.changes)
        effects.set(change.path, change.kind === 'delete' ? null : gitBlobId(change.content));
    }
    return { tag, ok: true, effects };
  } catch (error) {
    return { tag, ok: false, effects, error };
  }
}

function treeOf(repository: string, commit: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of git(repository, ['ls-tree', '-r', '-z', commit]).split('\0')) {
    if (line === '') continue;
    const [meta = '', path = ''] = line.split('\t');
    files.set(path, meta.split(' ')[2] ?? '');
  }
  return files;
}

describe('concurrent writers on one branch under injected faults', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${ROUNDS} rounds of ${WRITERS} writers lose and duplicate nothing`, {
      timeout: 120_000,
    }, async () => {
      const random = seededRandom(seed);
      const writers = await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          const octokit = await fixture.client();
          const tag = { current: '' };
          return {
            tag,
            storage: createGitHubStorage({
              octokit,
              owner: OWNER,
              repo: REPO,
              branch: 'main',
              message: () => tag.current,
              random,
              sleep,
            }),
            git: createGitHubGit({ octokit, owner: OWNER, repo: REPO, random, sleep }),
          };
        }),
      );
      const repository = fixture.sim.repositoryPath(OWNER, REPO);
      const start = git(repository, ['rev-parse', 'refs/heads/main']).trim();
      const outcomes: Outcome[] = [];
      const pushes = new Map<string, Effects>();
      for (let round = 0; round < ROUNDS; round += 1) {
        const fault = faultFor(random, round);
        const remove = fault ? fixture.sim.injectFault(fault) : () => {};
        if (fault?.kind === 'concurrent-push') {
          pushes.set(
            `push-${round}`,
            new Map(
              Object.entries(fault.files ?? {}).map(([path, text]) => [
                path,
                text === null ? null : gitBlobId(encoder.encode(text)),
              ]),
            ),
          );
        }
        const batch = await Promise.all(
          writers.map((writer, index) => runOperation(random, writer, `op-${seed}-${round}-${index}`)),
        );
        remove();
        outcomes.push(...batch);
      }

      for (const outcome of outcomes.filter((candidate) => !candidate.ok)) {
        expect(outcome.error, `${outcome.tag} failed untyped: ${String(outcome.error)}`).toBeInstanceOf(
          HealingError,
        );
        expect(
          ALLOWED_FAILURES.has((outcome.error as HealingError).code),
          `${outcome.tag}: ${String(outcome.error)}`,
        ).toBe(true);
      }
      const commits = git(repository, ['rev-list', '--reverse', '--parents', `${start}..refs/heads/main`])
        .trim()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split(' '));
      const byTag = new Map<string, string[]>();
      let model = treeOf(repository, start);
      let previous = start;
      for (const [sha = '', ...parents] of commits) {
        expect(parents, `history is linear: ${sha} has parents ${parents.join(',')}`).toEqual([previous]);
        previous = sha;
        const tag = git(repository, ['log', '-1', '--format=%s', sha]).trim();
        byTag.set(tag, [...(byTag.get(tag) ?? []), sha]);
        const effects =
          pushes.get(tag) ?? outcomes.find((outcome) => outcome.tag === tag && outcome.ok)?.effects;
        expect(effects, `commit ${sha} "${tag}" belongs to no successful operation`).toBeDefined();
        model = new Map(model);
        for (const [path, blob] of effects ?? []) {
          if (blob === null) model.delete(path);
          else model.set(path, blob);
        }
        expect(treeOf(repository, sha), `tree of ${sha} (${tag})`).toEqual(model);
      }
      for (const outcome of outcomes) {
        const count = byTag.get(outcome.tag)?.length ?? 0;
        const label = `${outcome.tag} (${outcome.ok ? 'ok' : 'failed'}) commits`;
        // Deleting only files that are already gone changes nothing, and no empty commit is made.
        const mayBeNoOp = [...outcome.effects.values()].every((blob) => blob === null);
        if (!outcome.ok) expect(count, label).toBe(0);
        else if (mayBeNoOp) expect(count, label).toBeLessThanOrEqual(1);
        else expect(count, label).toBe(1);
      }
      expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(ROUNDS);
    });
  }

  it('struck with every kind of fault along the way', () => {
    const struck = fixture.sim.requests.flatMap((request) =>
      request.fault ? [`${request.fault} ${request.method} ${request.route}`] : [],
    );
    // Which request a fault meets depends on how the concurrent writers interleave, so the
    // check is per kind of fault (each must have struck), and on the routes the kinds cover.
    const kinds = new Set(struck.map((entry) => entry.split(' ')[0]));
    expect([...kinds].sort()).toEqual(['concurrent-push', 'drop', 'secondary-rate-limit', 'status']);
    const routes = new Set(struck.map((entry) => entry.split(' ').slice(1).join(' ')));
    expect([...routes]).toEqual(
      expect.arrayContaining([
        'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
        'PUT /repos/{owner}/{repo}/contents/{path}',
        'GET /repos/{owner}/{repo}/branches/{branch}',
      ]),
    );
  });
});

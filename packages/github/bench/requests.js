#!/usr/bin/env node
// `pnpm bench github`: counts the GitHub API requests each operation of @healing/github makes,
// on the simulator (127.0.0.1 only), beside a naive contents-API baseline measured in the same
// run (one call per file). Prints a table and writes bench-results/github-requests.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitHubSimulator } from '@healing/github-sim';
import { createPatch } from '@healing/patch';
import {
  createActionsExecution,
  createGitHubClient,
  createGitHubGit,
  createGitHubStorage,
  installActionsWorkflow,
} from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const OWNER = 'bench';
const TOKEN = 'ghs_benchTokenForTheSimulator0123456789ab';
const encoder = new TextEncoder();
const work = mkdtempSync(join(tmpdir(), 'healing-github-bench-'));
const env = {
  PATH: process.env.PATH ?? '',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};
const git = (cwd, args, input) => execFileSync('git', args, { cwd, env, input, maxBuffer: 1 << 30 });

const FILES = 10_000;
const fileName = (index) => `src/d${index % 100}/e${index % 7}/file-${index}.ts`;
const fileText = (index, salt = 'v1') =>
  `export const value${index} = '${salt}';\n// line two\n// line three\n`;

/** A local repository with 10,000 files in 700 directories, written in one git fast-import stream. */
function seedLargeRepository() {
  const dir = join(work, 'large');
  mkdirSync(dir);
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  const chunks = ['commit refs/heads/main\ncommitter bench <bench@example.invalid> 0 +0000\ndata 4\nseed\n'];
  for (let index = 0; index < FILES; index += 1) {
    const text = fileText(index);
    chunks.push(`M 100644 inline ${fileName(index)}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  git(dir, ['fast-import', '--quiet'], chunks.join(''));
  return dir;
}

async function measure(sim, action) {
  const before = sim.requests.length;
  const started = performance.now();
  const value = await action();
  const ms = performance.now() - started;
  const requests = sim.requests.slice(before);
  return { requests: requests.length, ms, value, routes: requests };
}

const rows = [];
function record(scenario, adapter, baseline, note = '') {
  rows.push({
    scenario,
    requests: adapter.requests,
    ms: Math.round(adapter.ms),
    baselineRequests: baseline?.requests ?? null,
    baselineMs: baseline ? Math.round(baseline.ms) : null,
    requestRatio: baseline ? Number((baseline.requests / adapter.requests).toFixed(1)) : null,
    note,
  });
}

async function naiveContentsWrite(octokit, repo, files) {
  for (const [path, text] of files) {
    await octokit.rest.repos.createOrUpdateFileContents({
      owner: OWNER,
      repo,
      path,
      branch: 'main',
      message: `naive ${path}`,
      content: Buffer.from(text).toString('base64'),
    });
  }
}

async function naiveContentsList(octokit, repo, path = '') {
  const { data } = await octokit.rest.repos.getContent({ owner: OWNER, repo, path, ref: 'main' });
  let count = 0;
  for (const entry of Array.isArray(data) ? data : []) {
    if (entry.type === 'dir') count += await naiveContentsList(octokit, repo, entry.path);
    else count += 1;
  }
  return count;
}

async function main() {
  const large = seedLargeRepository();
  const sim = await startGitHubSimulator({
    port: 0,
    token: TOKEN,
    repositories: [
      { owner: OWNER, name: 'commits' },
      { owner: OWNER, name: 'naive' },
      { owner: OWNER, name: 'large', seedFrom: large, defaultBranch: 'main' },
      { owner: OWNER, name: 'ci' },
    ],
  });
  const truncatingSim = await startGitHubSimulator({
    port: 0,
    token: TOKEN,
    treeLimits: { maxEntries: 5000 },
    repositories: [{ owner: OWNER, name: 'large', seedFrom: large, defaultBranch: 'main' }],
  });
  try {
    const client = (url) =>
      createGitHubClient({ auth: { token: TOKEN }, baseUrl: url, retryAfterBaseMs: 1, writeIntervalMs: 0 });
    const octokit = await client(sim.url);
    const storage = createGitHubStorage({ octokit, owner: OWNER, repo: 'commits', branch: 'main' });

    for (const count of [1, 10, 100, 1000]) {
      const files = Array.from({ length: count }, (_, index) => [
        `c${count}/f${index}.txt`,
        `file ${index} of ${count}\n`,
      ]);
      const changes = files.map(([path, text]) => ({
        kind: 'write',
        path,
        content: encoder.encode(text),
        mode: '100644',
      }));
      const adapter = await measure(sim, () => storage.commit(changes, { message: `commit ${count}` }));
      const baseline = await measure(sim, () => naiveContentsWrite(octokit, 'naive', files));
      record(
        `commit ${count} changed file${count === 1 ? '' : 's'}`,
        adapter,
        baseline,
        'target 4 + B (B = 0)',
      );
    }

    const binaries = Array.from({ length: 10 }, (_, index) => ({
      kind: 'write',
      path: `mixed/f${index}${index < 3 ? '.bin' : '.txt'}`,
      content: index < 3 ? new Uint8Array([0, index, 255, 254]) : encoder.encode(`text ${index}\n`),
      mode: '100644',
    }));
    record(
      'commit 10 files, 3 binary',
      await measure(sim, () => storage.commit(binaries, { message: 'mixed' })),
      null,
      'target 4 + B = 7',
    );

    const chained = createGitHubStorage({
      octokit,
      owner: OWNER,
      repo: 'commits',
      branch: 'main',
      treeLimits: { maxEntries: 250 },
    });
    const many = Array.from({ length: 1000 }, (_, index) => ({
      kind: 'write',
      path: `chained/f${index}.txt`,
      content: encoder.encode(`chained ${index}\n`),
      mode: '100644',
    }));
    record(
      'commit 1000 files, 250 per tree request',
      await measure(sim, () => chained.commit(many, { message: 'chained' })),
      null,
      '3 + 4 chained trees',
    );

    const largeStorage = createGitHubStorage({ octokit, owner: OWNER, repo: 'large', branch: 'main' });
    const listed = await measure(sim, () => largeStorage.list());
    if (listed.value.length !== FILES)
      throw new Error(`listed ${listed.value.length} files, expected ${FILES}`);
    const naiveList = await measure(sim, () => naiveContentsList(octokit, 'large'));
    if (naiveList.value !== FILES) throw new Error(`the naive walk found ${naiveList.value} files`);
    record(
      `list ${FILES} files`,
      listed,
      naiveList,
      'target 1; baseline walks directories with the contents API',
    );

    const truncatedOctokit = await client(truncatingSim.url);
    const truncatedStorage = createGitHubStorage({
      octokit: truncatedOctokit,
      owner: OWNER,
      repo: 'large',
      branch: 'main',
    });
    const truncated = await measure(truncatingSim, () => truncatedStorage.list());
    if (truncated.value.length !== FILES)
      throw new Error(`truncated listing found ${truncated.value.length} files`);
    record(`list ${FILES} files, tree truncated at 5000`, truncated, null, 'per-subtree fallback');

    const patchFiles = Array.from({ length: 50 }, (_, index) => index * 197);
    const before = new Map(
      patchFiles.map((index) => [
        fileName(index),
        { content: encoder.encode(fileText(index)), mode: '100644' },
      ]),
    );
    const after = new Map(
      patchFiles.map((index) => [
        fileName(index),
        { content: encoder.encode(fileText(index, 'v2')), mode: '100644' },
      ]),
    );
    const patch = createPatch(before, after);
    const gitAdapter = createGitHubGit({ octokit, owner: OWNER, repo: 'large' });
    const applied = await measure(sim, () =>
      gitAdapter.commitPatch(patch, { branch: 'heal-bench', base: 'main', message: 'apply 50' }),
    );
    if (applied.value.changes.length !== 50) throw new Error('the patch did not change 50 files');
    const naivePatch = await measure(sim, async () => {
      for (const index of patchFiles) {
        const { data } = await octokit.rest.repos.getContent({
          owner: OWNER,
          repo: 'large',
          path: fileName(index),
          ref: 'main',
        });
        await octokit.rest.repos.createOrUpdateFileContents({
          owner: OWNER,
          repo: 'large',
          path: fileName(index),
          branch: 'main',
          message: 'naive',
          sha: data.sha,
          content: Buffer.from(fileText(index, 'v2')).toString('base64'),
        });
      }
    });
    record('apply a 50-file patch', applied, naivePatch, 'baseline: GET + PUT per file, 50 commits');

    await installActionsWorkflow(createGitHubStorage({ octokit, owner: OWNER, repo: 'ci', branch: 'main' }));
    const events = [];
    const execution = createActionsExecution({
      octokit,
      owner: OWNER,
      repo: 'ci',
      ref: 'main',
      pollIntervalMs: 250,
      maxPollIntervalMs: 2000,
      onEvent: (event) => events.push(event),
    });
    const run = await measure(sim, () => execution.run({ command: 'echo bench; sleep 1' }));
    const runId = events.find((event) => event.type === 'dispatched')?.runId;
    const record_ = sim.runs(OWNER, 'ci').find((candidate) => candidate.id === runId);
    const runMs = record_?.runStartedAt
      ? Date.parse(record_.updatedAt) - Date.parse(record_.runStartedAt)
      : null;
    const polls = run.routes.filter(
      (request) => request.route === '/repos/{owner}/{repo}/actions/runs/{run_id}',
    ).length;
    record(
      'one Actions run (1 s command)',
      run,
      null,
      `${polls} status polls; run took ${runMs} ms, billed as 1 Actions minute`,
    );
  } finally {
    await sim.stop();
    await truncatingSim.stop();
    rmSync(work, { recursive: true, force: true });
  }

  const header = ['scenario', 'requests', 'ms', 'baseline req', 'baseline ms', 'req ratio', 'note'];
  const lines = rows.map((row) => [
    row.scenario,
    String(row.requests),
    String(row.ms),
    row.baselineRequests === null ? '-' : String(row.baselineRequests),
    row.baselineMs === null ? '-' : String(row.baselineMs),
    row.requestRatio === null ? '-' : `${row.requestRatio}x`,
    row.note,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  const out = join(here, '..', 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'github-requests.json'),
    `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

#!/usr/bin/env node
// `pnpm bench` for @healing/patch: apply time against `git apply` on the same patches, in
// one run, as ratios. Writes a table to stdout and JSON to bench-results/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, createDirectoryView, writeChanges } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const work = mkdtempSync(join(tmpdir(), 'healing-patch-bench-'));
const git = (cwd, args, input) => execFileSync('git', args, { cwd, env, input, maxBuffer: 1 << 30 });

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 4294967296;
};
const randomBytes = (size) => {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) out[i] = Math.floor(random() * 256);
  out[0] = 0;
  return out;
};
const textFile = (lines, salt) =>
  `${Array.from({ length: lines }, (_, i) => `line ${i} of ${salt}: ${'x'.repeat(i % 40)}`).join('\n')}\n`;

function writeAll(root, files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A repository with commits `base` and `target`; returns the patch git makes between them. */
function scenario(name, base, change) {
  const repo = join(work, name);
  mkdirSync(repo);
  git(repo, ['init', '-q']);
  writeAll(repo, base);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'base']);
  change(repo);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'target']);
  const patch = git(repo, ['diff', '--binary', '-M', 'HEAD~1', 'HEAD']);
  const patchFile = join(work, `${name}.patch`);
  writeFileSync(patchFile, patch);
  return { name, repo, patch, patchFile, tree: git(repo, ['rev-parse', 'HEAD^{tree}']).toString().trim() };
}

function freshCopy(repo) {
  const dir = mkdtempSync(join(work, 'copy-'));
  const archive = git(repo, ['archive', 'HEAD~1']);
  execFileSync('tar', ['-x', '-C', dir], { input: archive, maxBuffer: 1 << 30 });
  return dir;
}

function treeOf(dir) {
  const gitDir = mkdtempSync(join(work, 'tree-'));
  const opts = ['--git-dir', gitDir, '--work-tree', dir];
  git(dir, ['init', '-q', '--bare', gitDir]);
  git(dir, [...opts, 'add', '-A']);
  return git(dir, [...opts, 'write-tree'])
    .toString()
    .trim();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(s, runs) {
  const gitMs = [];
  const inProcessMs = [];
  const processMs = [];
  let maxRssKb = 0;
  for (let run = 0; run < runs; run += 1) {
    const forGit = freshCopy(s.repo);
    let start = performance.now();
    const applied = spawnSync('git', ['apply', s.patchFile], { cwd: forGit, env });
    gitMs.push(performance.now() - start);
    if (applied.status !== 0) throw new Error(`git apply failed on ${s.name}: ${applied.stderr}`);

    const forHeal = freshCopy(s.repo);
    start = performance.now();
    const { changes } = await applyPatch(readFileSync(s.patchFile), createDirectoryView(forHeal));
    await writeChanges(forHeal, changes);
    inProcessMs.push(performance.now() - start);

    const forProcess = freshCopy(s.repo);
    start = performance.now();
    const child = spawnSync(process.execPath, [join(here, 'apply-once.js'), s.patchFile], {
      cwd: forProcess,
    });
    processMs.push(performance.now() - start);
    if (child.status !== 0) throw new Error(`apply-once failed on ${s.name}: ${child.stderr}`);
    maxRssKb = Math.max(maxRssKb, JSON.parse(child.stdout.toString()).maxRssKb);

    if (run === 0) {
      for (const [who, dir] of [
        ['git apply', forGit],
        ['in-process', forHeal],
        ['process', forProcess],
      ]) {
        const tree = treeOf(dir);
        if (tree !== s.tree) throw new Error(`${who} on ${s.name} gave tree ${tree}, want ${s.tree}`);
      }
    }
    for (const dir of [forGit, forHeal, forProcess]) rmSync(dir, { recursive: true, force: true });
  }
  return { gitMs: median(gitMs), inProcessMs: median(inProcessMs), processMs: median(processMs), maxRssKb };
}

// Baseline for memory: an idle Node process that loads the package.
const idle = spawnSync(
  process.execPath,
  ['-e', "await import('../dist/index.js'); console.log(process.resourceUsage().maxRSS)"],
  {
    cwd: here,
    input: '',
  },
);
const idleRssKb = Number(idle.stdout.toString().trim()) || 0;

const scenarios = [];
{
  const base = {};
  for (let i = 0; i < 50; i += 1) base[`src/module-${i}.ts`] = textFile(200, i);
  scenarios.push({
    runs: 9,
    ...scenario('small edits (10 of 50 files, 3 hunks each)', base, (repo) => {
      for (let i = 0; i < 10; i += 1) {
        const path = join(repo, `src/module-${i}.ts`);
        const lines = readFileSync(path, 'utf8').split('\n');
        for (const at of [10, 90, 170]) lines[at] = `${lines[at]} // changed`;
        writeFileSync(path, lines.join('\n'));
      }
    }),
  });
}
{
  const base = {};
  for (let i = 0; i < 2000; i += 1) base[`old/pkg-${i % 40}/file-${i}.ts`] = textFile(30, `r${i}`);
  scenarios.push({
    runs: 5,
    ...scenario('2,000 files renamed (1 in 10 also edited)', base, (repo) => {
      git(repo, ['mv', 'old', 'new']);
      for (let i = 0; i < 2000; i += 10) {
        const path = join(repo, `new/pkg-${i % 40}/file-${i}.ts`);
        writeFileSync(path, readFileSync(path, 'utf8').replace('line 5 ', 'line five '));
      }
    }),
  });
}
{
  const base = {};
  for (let i = 0; i < 20; i += 1) base[`assets/blob-${i}.bin`] = randomBytes(1024 * 1024);
  scenarios.push({
    runs: 3,
    ...scenario('20 MB of binary deltas (20 x 1 MB)', base, (repo) => {
      for (let i = 0; i < 20; i += 1) {
        const path = join(repo, `assets/blob-${i}.bin`);
        const bytes = readFileSync(path);
        for (let k = 0; k < 8; k += 1) bytes[Math.floor(random() * bytes.length)] ^= 0xff;
        writeFileSync(path, Buffer.concat([bytes, randomBytes(2048)]));
      }
    }),
  });
}

const results = [];
for (const s of scenarios) {
  const m = await measure(s, s.runs);
  results.push({
    scenario: s.name,
    patchBytes: s.patch.length,
    runs: s.runs,
    gitApplyMs: Number(m.gitMs.toFixed(1)),
    healInProcessMs: Number(m.inProcessMs.toFixed(1)),
    healProcessMs: Number(m.processMs.toFixed(1)),
    ratioInProcess: Number((m.inProcessMs / m.gitMs).toFixed(2)),
    ratioProcess: Number((m.processMs / m.gitMs).toFixed(2)),
    peakRssMb: Number((m.maxRssKb / 1024).toFixed(1)),
    peakRssOverIdleMb: Number(((m.maxRssKb - idleRssKb) / 1024).toFixed(1)),
  });
}

const gitVersion = git(work, ['--version']).toString().trim();
console.log(
  `@healing/patch apply vs ${gitVersion} (median of runs; ratio = heal / git apply; lower is better)\n`,
);
console.log(
  '| scenario | patch | git apply | heal in-process | ratio | heal process | ratio | peak RSS (over idle node) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.scenario} | ${(r.patchBytes / 1024).toFixed(0)} KiB | ${r.gitApplyMs} ms | ${r.healInProcessMs} ms | ${r.ratioInProcess}x | ${r.healProcessMs} ms | ${r.ratioProcess}x | ${r.peakRssMb} MB (+${r.peakRssOverIdleMb}) |`,
  );
}
const out = join(here, '..', 'bench-results');
mkdirSync(out, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  git: gitVersion,
  idleRssMb: idleRssKb / 1024,
  results,
};
writeFileSync(join(out, 'apply.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${join(out, 'apply.json')}`);
rmSync(work, { recursive: true, force: true });

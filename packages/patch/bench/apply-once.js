// Applies one patch file to the current directory in a fresh Node process, like `heal patch
// apply` does, and prints the process's peak memory: the bench's process-level measurement.
import { readFileSync } from 'node:fs';
import { applyPatch, createDirectoryView, writeChanges } from '../dist/index.js';

const patch = readFileSync(process.argv[2]);
const root = process.cwd();
const { changes } = await applyPatch(patch, createDirectoryView(root));
await writeChanges(root, changes);
process.stdout.write(
  `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, changes: changes.length })}\n`,
);

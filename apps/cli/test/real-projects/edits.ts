import type { HealReport } from '@healing/adapters';
import { startScriptedModelServer } from '@healing/engine/testing';
import type { Project } from '@healing/test-projects';
import { healIn } from './run-heal-in.js';

/** A model's answer holding a diff in a fence, as chat models write it. */
export function fence(diff: string): string {
  return `\`\`\`diff\n${diff}\`\`\`\n`;
}

/** The diff a set of edits would make in the project, computed by git and undone. */
export function diffOf(project: Project, files: Readonly<Record<string, string>>): string {
  const originals = Object.fromEntries(Object.keys(files).map((path) => [path, project.read(path)]));
  project.write(files);
  const diff = `${project.git('diff', '--no-color', '--no-ext-diff')}\n`;
  project.write(originals);
  return diff;
}

/**
 * `heal run` with only the model strategy (after the reproduction run), answered by a scripted
 * OpenAI-compatible server on 127.0.0.1 with `diffs`, one per attempt, each in a fence.
 */
export async function healWithModelAnswers(
  project: Project,
  diffs: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<HealReport> {
  const server = await startScriptedModelServer({ answers: diffs.map(fence) });
  try {
    const args = ['--strategies', 'model', '--model-url', server.baseUrl, '--attempts', String(diffs.length)];
    return (await healIn(project, args, env)).report;
  } finally {
    await server.close();
  }
}

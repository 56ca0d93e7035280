import type { Project } from '@healing/test-projects';

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

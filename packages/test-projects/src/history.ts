import type { Project } from './project.js';

export interface Regression {
  /** The last green commit before the culprit. */
  readonly good: string;
  readonly culprit: string;
  /** The failing head. */
  readonly head: string;
}

export interface RegressionOptions {
  /** Commits after the good one, the culprit among them (default 30). */
  readonly commits?: number;
  /** 1-based position of the culprit (default 19). */
  readonly culpritAt?: number;
  readonly culpritMessage: string;
  /** What the culprit changes, on top of its note. */
  readonly culprit: (project: Project) => Readonly<Record<string, string>>;
  /** Every commit also adds a line at the end of CHANGELOG.md, the culprit's included. */
  readonly changelog?: boolean;
  /** Runs after the culprit's files are written, before it is committed (e.g. `npm install x`). */
  readonly beforeCulpritCommit?: (project: Project) => void;
}

/**
 * Ordinary history with a regression buried in it: each commit adds a note (and, with
 * `changelog`, a changelog entry right after the previous one, as release tools do), but one,
 * the culprit, authored by someone else, which changes what it breaks (and its entry).
 */
export function buildRegression(project: Project, options: RegressionOptions): Regression {
  const total = options.commits ?? 30;
  const culpritAt = options.culpritAt ?? 19;
  const good = project.git('rev-parse', 'HEAD');
  let culprit = '';
  for (let number = 1; number <= total; number += 1) {
    // The culprit changes only what it breaks (and its changelog entry): its revert is exactly that.
    const files: Record<string, string> =
      number === culpritAt
        ? {}
        : { 'docs/notes.md': `${readOr(project, 'docs/notes.md', '# Notes\n\n')}- note ${number}\n` };
    if (options.changelog) {
      const entry = number === culpritAt ? options.culpritMessage : `note ${number}`;
      files['CHANGELOG.md'] = `${readOr(project, 'CHANGELOG.md', '# Changelog\n\n')}- ${entry}\n`;
    }
    if (number === culpritAt) {
      project.write({ ...files, ...options.culprit(project) });
      options.beforeCulpritCommit?.(project);
      culprit = project.commit(options.culpritMessage, {}, 'Mallory Dev <mallory@example.com>');
    } else {
      project.commit(`docs: note ${number}`, files);
    }
  }
  return { good, culprit, head: project.git('rev-parse', 'HEAD') };
}

/** A commit that changes files by replacing text in them (each replacement must apply). */
export function replaceIn(
  project: Project,
  edits: Readonly<Record<string, readonly [string, string]>>,
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [path, [from, to]] of Object.entries(edits)) {
    const text = project.read(path);
    if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
    files[path] = text.replace(from, to);
  }
  return files;
}

function readOr(project: Project, path: string, fallback: string): string {
  try {
    return project.read(path);
  } catch {
    return fallback;
  }
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command.js';

/** A git repository on disk with installed dependencies git does not track. */
export interface Project {
  readonly dir: string;
  /** Environment a contributor of the project has (an activated venv, say), for running heal in it. */
  readonly env: Readonly<Record<string, string>>;
  git(...args: string[]): string;
  read(path: string): string;
  write(files: Readonly<Record<string, string>>): void;
  /** Writes the files and commits everything; returns the new sha. */
  commit(message: string, files?: Readonly<Record<string, string>>, author?: string): string;
  cleanup(): void;
}

export function openProject(dir: string, env: Readonly<Record<string, string>> = {}): Project {
  const project: Project = {
    dir,
    env,
    git: (...args) => runCommand('git', args, { cwd: dir }),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    },
    commit(message, files = {}, author) {
      project.write(files);
      project.git('add', '-A');
      project.git('commit', '-q', '--no-verify', '-m', message, ...(author ? [`--author=${author}`] : []));
      return project.git('rev-parse', 'HEAD');
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return project;
}

/** `git init` on branch main with a fixed identity and no signing, then the first commit. */
export function initRepository(project: Project, message: string): string {
  project.git('init', '-q', '-b', 'main');
  project.git('config', 'user.name', 'Fixture Author');
  project.git('config', 'user.email', 'author@example.com');
  project.git('config', 'commit.gpgsign', 'false');
  return project.commit(message);
}

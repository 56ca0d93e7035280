import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyTemplate, installedTemplate } from './installed-template.js';
import { initRepository, openProject, type Project } from './project.js';
import { runCommand } from './run-command.js';

export interface NodeProjectOptions {
  readonly name: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A small Node project with the given scripts and files, its devDependencies installed from the
 * registry into an untracked node_modules (once per set of dependencies in this process).
 */
export function createNodeProject(options: NodeProjectOptions): Project {
  const manifest = {
    name: options.name,
    version: '1.0.0',
    private: true,
    scripts: options.scripts,
    ...(options.devDependencies ? { devDependencies: options.devDependencies } : {}),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const dependencies = Object.entries(options.devDependencies ?? {});
  const key =
    dependencies.length === 0 ? 'bare' : dependencies.map(([name]) => name.replace(/\W/g, '')).join('-');
  const template = installedTemplate(key, (dir) => {
    writeFileSync(join(dir, 'package.json'), manifestText);
    if (dependencies.length > 0) {
      runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    }
  });
  const project = openProject(copyTemplate(template, options.name));
  project.write({ ...options.files, 'package.json': manifestText, '.gitignore': 'node_modules/\n' });
  initRepository(project, options.name);
  return project;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyTemplate, installedTemplate } from './installed-template.js';
import { mochaFiles } from './mocha-project-files.js';
import { initRepository, openProject, type Project } from './project.js';
import { runCommand } from './run-command.js';

/**
 * numbers-api (Express, mocha, supertest, ESLint) with its dependencies installed by npm from
 * the registry into an untracked node_modules, package-lock.json committed, on branch main.
 * About 1,080 tests by default (a suite whose full run costs more than a focused one, as in
 * real projects); `tests: 'few'` keeps about 200 where the scenario does not measure runs.
 */
export function createMochaProject(options: { readonly tests?: 'many' | 'few' } = {}): Project {
  const files = mochaFiles(options.tests ?? 'many');
  const template = installedTemplate('mocha', (dir) => {
    for (const [path, content] of Object.entries(files)) {
      if (!path.includes('/')) writeFileSync(join(dir, path), content);
    }
    runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  });
  const project = openProject(copyTemplate(template, 'numbers-api'));
  project.write(files);
  initRepository(project, 'numbers-api: arithmetic over HTTP');
  return project;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyTemplate, installedTemplate } from './installed-template.js';
import { MOCHA_FILES } from './mocha-project-files.js';
import { initRepository, openProject, type Project } from './project.js';
import { runCommand } from './run-command.js';

/**
 * numbers-api (Express, mocha, supertest, ESLint) with its dependencies installed by npm from
 * the registry into an untracked node_modules, package-lock.json committed, on branch main.
 */
export function createMochaProject(): Project {
  const template = installedTemplate('mocha', (dir) => {
    for (const [path, content] of Object.entries(MOCHA_FILES)) {
      if (!path.includes('/')) writeFileSync(join(dir, path), content);
    }
    runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  });
  const project = openProject(copyTemplate(template, 'numbers-api'));
  project.write(MOCHA_FILES);
  initRepository(project, 'numbers-api: arithmetic over HTTP');
  return project;
}

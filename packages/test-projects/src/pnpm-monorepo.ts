import { copyTemplate, installedTemplate } from './installed-template.js';
import { PNPM_FILES, PNPM_VERSION } from './pnpm-monorepo-files.js';
import { initRepository, openProject, type Project } from './project.js';
import { runCommand } from './run-command.js';

/** The pnpm command a contributor of the monorepo runs (pnpm need not be installed globally). */
export const PNPM_COMMAND = ['npx', '--yes', `pnpm@${PNPM_VERSION}`] as const;

/**
 * shelf, a pnpm workspace monorepo with vitest, installed by pnpm from the registry
 * (node_modules in the root and in each package, untracked), pnpm-lock.yaml committed.
 */
export function createPnpmMonorepo(): Project {
  const template = installedTemplate('pnpm', (dir) => {
    openProject(dir).write(PNPM_FILES);
    const [program, ...args] = PNPM_COMMAND;
    runCommand(program, [...args, 'install', '--reporter=silent'], { cwd: dir });
  });
  const project = openProject(copyTemplate(template, 'shelf'));
  project.write(PNPM_FILES);
  initRepository(project, 'shelf: core and api');
  return project;
}

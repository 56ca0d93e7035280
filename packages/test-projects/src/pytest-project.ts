import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initRepository, openProject, type Project } from './project.js';
import { BUILD_WHEEL_SCRIPT, PINNED_XMLTODICT_MODULE, PYTEST_FILES } from './pytest-project-files.js';
import { runCommand } from './run-command.js';

/**
 * textkit with its own venv (`.venv`, untracked): the project installed editable (an
 * egg-link and easy-install.pth naming its src directory) and its pinned dependency from a
 * wheel. The venv also sees the machine's packages (pytest among them), whose xmltodict is
 * another version. `env` activates the venv, as a contributor's shell does.
 */
export function createPytestProject(): Project {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'textkit-')));
  const venv = join(dir, '.venv');
  const python = join(venv, 'bin', 'python');
  const project = openProject(dir, {
    VIRTUAL_ENV: venv,
    PATH: `${join(venv, 'bin')}:${process.env.PATH ?? ''}`,
  });
  project.write(PYTEST_FILES);
  const wheels = openProject(realpathSync(mkdtempSync(join(tmpdir(), 'textkit-wheels-'))));
  try {
    wheels.write({ 'xmltodict.py': PINNED_XMLTODICT_MODULE, 'build_wheel.py': BUILD_WHEEL_SCRIPT });
    runCommand('python3', ['-m', 'venv', '--system-site-packages', venv], { cwd: dir });
    const wheel = runCommand(
      'python3',
      ['build_wheel.py', 'xmltodict.py', 'xmltodict', '1.99.0', wheels.dir],
      {
        cwd: wheels.dir,
      },
    );
    runCommand(python, ['-m', 'pip', 'install', '--quiet', '--no-index', '--no-deps', wheel], { cwd: dir });
    runCommand(python, ['setup.py', '--quiet', 'develop', '--no-deps'], { cwd: dir });
  } finally {
    wheels.cleanup();
  }
  initRepository(project, 'textkit: slugs, words and feeds');
  return project;
}

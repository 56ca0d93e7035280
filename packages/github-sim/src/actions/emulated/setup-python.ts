import { existsSync, readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { matchWorkspaceFiles } from '../workspace-glob.js';
import { type ActionContext, input, toolDirectory, toolVersion, which } from './action-context.js';

const CACHE_DEFAULT_PATTERNS: Readonly<Record<string, string>> = {
  pip: '**/requirements.txt',
  pipenv: '**/Pipfile.lock',
  poetry: '**/poetry.lock',
};

/** The versions a python version file names, as setup-python@v5 reads `.tool-versions` and plain files. */
export function pythonVersionsFromFile(path: string, contents: string): string[] {
  const lines = contents.split('\n').map((line) => line.trim());
  if (basename(path) === '.tool-versions') {
    return lines.flatMap((line) => {
      const [tool, ...versions] = line.split(/\s+/);
      return tool === 'python' ? versions : [];
    });
  }
  if (basename(path) === 'pyproject.toml') {
    const requires = /^requires-python\s*=\s*["']([^"']+)["']/m.exec(contents)?.[1];
    return requires ? [requires] : [];
  }
  return lines.filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * actions/setup-python in the simulator: resolves the version as the real action does (and
 * fails where it fails), logs what it would install, and provides the machine's python3 as
 * `python` too. `cache:` checks its dependency files as the real action does and restores nothing.
 */
export async function setupPython(context: ActionContext): Promise<boolean> {
  const { log, workspace } = context;
  let versions = input(context, 'python-version')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const versionFile = input(context, 'python-version-file');
  if (versions.length > 0 && versionFile) {
    log(
      '##[warning]Both python-version and python-version-file inputs are specified, only python-version will be used.\n',
    );
  }
  if (versions.length === 0) {
    if (!versionFile) {
      log(
        "##[warning]Neither 'python-version' nor 'python-version-file' inputs were supplied. Attempting to find '.python-version' file.\n",
      );
    }
    const file = versionFile || '.python-version';
    const path = join(workspace, file);
    if (existsSync(path)) {
      versions = pythonVersionsFromFile(file, readFileSync(path, 'utf8'));
      log(`Resolved ${file} as ${versions.join(', ')}\n`);
    } else if (versionFile) {
      log(`##[error]The specified python version file at: ${versionFile} doesn't exist.\n`);
      return false;
    } else {
      log("##[warning].python-version doesn't exist.\n");
    }
  }
  const python3 = await which(context, 'python3');
  const actual = python3 === null ? null : await toolVersion(context, python3);
  if (python3 === null || actual === null) {
    log(
      `##[error]Version ${versions.join(', ') || 'from PATH'} was not found: the simulator uses python3 from PATH and there is none.\n`,
    );
    return false;
  }
  const reported = actual.replace(/^Python\s+/, '');
  if (versions.length === 0) {
    log(
      '##[warning]The `python-version` input is not set.  The version of Python currently in `PATH` will be used.\n',
    );
  } else {
    log(
      `The simulator downloads nothing: Python ${versions.join(', ')} was asked for; using python3 ${reported} from PATH.\n`,
    );
    const wanted = versions.map((version) => /^(\d+(?:\.\d+){0,2})$/.exec(version)?.[1]);
    if (wanted.every((version) => version !== undefined && !`${reported}.`.startsWith(`${version}.`))) {
      log(`##[warning]python3 ${reported} from PATH does not match the requested ${versions.join(', ')}\n`);
    }
  }
  // The real action puts a whole Python on PATH, `python` included; here it is the machine's python3.
  const bin = await toolDirectory(context, 'python/bin');
  for (const name of ['python', 'python3']) {
    await writeFile(join(bin, name), `#!/bin/sh\nexec ${JSON.stringify(python3)} "$@"\n`);
    await chmod(join(bin, name), 0o755);
  }
  await context.addPath(bin);
  await context.setOutput('python-version', reported);
  await context.setOutput('python-path', join(bin, 'python'));
  const cache = input(context, 'cache');
  if (cache === '') return true;
  const defaultPattern = CACHE_DEFAULT_PATTERNS[cache];
  if (defaultPattern === undefined) {
    log(`##[error]Caching for '${cache}' is not supported\n`);
    return false;
  }
  const patterns = (input(context, 'cache-dependency-path') || defaultPattern)
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (matchWorkspaceFiles(workspace, patterns).length === 0) {
    log(
      `##[error]No file in ${workspace} matched to [${patterns.join(',')}], make sure you have checked out the target repository\n`,
    );
    return false;
  }
  log(`${cache} cache: the simulator restores and saves nothing; dependencies install from scratch.\n`);
  await context.setOutput('cache-hit', 'false');
  return true;
}

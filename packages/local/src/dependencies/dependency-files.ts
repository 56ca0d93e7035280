/**
 * Files that decide what a project's dependencies are: manifests, lockfiles and the package
 * managers' settings, for npm, pnpm, yarn, bun and Python (pip, setuptools, uv, poetry,
 * pipenv, pdm). When all of them are byte-identical in two trees, the dependencies installed
 * for one serve the other.
 */
export const DEPENDENCY_FILE_NAMES: readonly string[] = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  '.npmrc',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.pnpmfile.cjs',
  'yarn.lock',
  '.yarnrc',
  '.yarnrc.yml',
  'bun.lock',
  'bun.lockb',
  'bunfig.toml',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'uv.lock',
  'poetry.lock',
  'pdm.lock',
  'Pipfile',
  'Pipfile.lock',
];

const NAMES = new Set(DEPENDENCY_FILE_NAMES);
/** `requirements.txt`, `requirements-dev.txt`, `constraints.txt`, and any `.txt` in a `requirements/` folder. */
const REQUIREMENTS = /(?:^|\/)(?:(?:requirements|constraints)[^/]*\.txt|requirements\/[^/]+\.txt)$/;

/** `requirements-docs.txt`, `docs/requirements.txt`: what a documentation build needs, not the tests. */
const DOCS_REQUIREMENTS = /(?:^|\/)(?:docs?\/[^/]*\.txt|[^/]*docs?[^/]*\.txt)$/;

/** Whether a repository path (forward slashes) defines dependencies; nothing inside node_modules does. */
export function isDependencyFile(path: string): boolean {
  const segments = path.split('/');
  if (segments.includes('node_modules') || segments.includes('site-packages')) return false;
  if (NAMES.has(segments[segments.length - 1] ?? '')) return true;
  return REQUIREMENTS.test(path) && !DOCS_REQUIREMENTS.test(path);
}

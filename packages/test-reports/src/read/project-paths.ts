const SOURCE = String.raw`[\w@.+-]+\.(?:[cm]?[jt]sx?|py|go|rs|vue|svelte)`;
/** A source path followed by a line number: `/repo/a.js:3`, `src/a.ts(3,1)`, `File "/repo/a.py", line 3`, ` --> src/lib.rs:2:9`. */
const LOCATED = new RegExp(
  String.raw`((?:\.{0,2}/)?(?:[\w@.+-]+/)*${SOURCE})(?::\d+|\(\d+,\d+\)|", line \d+)`,
  'g',
);
const DEPENDENCY_DIRS =
  /(^|\/)(node_modules|site-packages|dist-packages|\.venv|venv|\.cargo|\.rustup|rustc|pkg\/mod|lib\/python[\d.]*|usr\/lib|usr\/local\/lib|\.pyenv)\//;

/** Files the output points at with a line number: stacks, tracebacks, compiler errors. */
function locatedPaths(text: string): string[] {
  return [...text.matchAll(LOCATED)].map((match) => match[1] as string);
}

/** A path of the project's own code: inside rootDir (or relative), outside installed dependencies. */
export function isProjectPath(path: string, rootDir: string | null): boolean {
  if (path.startsWith('node:') || path.includes('<frozen')) return false;
  const isAbsolute = path.startsWith('/');
  if (isAbsolute && rootDir !== null && !path.startsWith(`${rootDir}/`)) return false;
  const relative = isAbsolute && rootDir !== null ? path.slice(rootDir.length + 1) : path;
  return !DEPENDENCY_DIRS.test(relative);
}

/** The project-relative paths the output points at (first segments used to tell local Python packages). */
export function projectPaths(text: string, rootDir: string | null): string[] {
  return locatedPaths(text)
    .filter((path) => isProjectPath(path, rootDir))
    .map((path) =>
      rootDir !== null && path.startsWith(`${rootDir}/`) ? path.slice(rootDir.length + 1) : path,
    );
}

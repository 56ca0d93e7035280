import { HealingError } from './errors.js';

// git check-ref-format's rules, checked before any backend sees the name (a local ref or GitHub).
const FORBIDDEN_BRANCH = /(^[-/.])|([/.]$)|(\.\.)|(\/\/)|(@\{)|(\.lock$)|(\/\.)|(\.lock\/)|[\s~^:?*[\\]/;

const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);

/** Returns `name` when git accepts it as a branch name; INVALID_INPUT otherwise. */
export function assertBranchName(name: string): string {
  if (
    typeof name !== 'string' ||
    name === '' ||
    name === '@' ||
    name === 'HEAD' ||
    FORBIDDEN_BRANCH.test(name) ||
    hasControlCharacter(name)
  ) {
    throw new HealingError(
      'INVALID_INPUT',
      `branch name ${JSON.stringify(name)} is not valid in git: use letters, digits, "-", "_", "." and "/" segments`,
      { details: { branch: name } },
    );
  }
  return name;
}

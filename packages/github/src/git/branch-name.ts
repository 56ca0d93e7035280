import { HealingError } from '@healing/adapters';

// git check-ref-format's rules, checked before any request so GitHub never sees a bad name.
const FORBIDDEN_BRANCH = /(^[-/.])|([/.]$)|(\.\.)|(\/\/)|(@\{)|(\.lock$)|(\/\.)|(\.lock\/)|[\s~^:?*[\\]/;

const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);

export function assertBranchName(name: string): string {
  if (
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

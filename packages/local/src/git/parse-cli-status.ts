import type { StatusCode, StatusEntry } from '@healing/adapters';

function statusFromLetter(letter: string): StatusCode {
  switch (letter) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
    case 'C':
      return 'renamed';
    case 'T':
      return 'typechange';
    default:
      return 'modified';
  }
}

/**
 * Parses `git status --porcelain=v2 -z`. One entry per path: the change of the working tree
 * against HEAD, `staged` when the index already holds all of it.
 */
export function parseCliStatus(output: string): StatusEntry[] {
  const fields = output.split('\0');
  const entries: StatusEntry[] = [];
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] ?? '';
    if (field === '') continue;
    if (field.startsWith('? ')) {
      entries.push({ path: field.slice(2), status: 'untracked', staged: false });
      continue;
    }
    const kind = field[0];
    if (kind !== '1' && kind !== '2' && kind !== 'u') continue;
    const parts = field.split(' ');
    const xy = parts[1] ?? '..';
    const [indexLetter = '.', treeLetter = '.'] = xy;
    // Ordinary entries have 8 fields before the path, renames 9, unmerged 10.
    const pathStart = kind === '1' ? 8 : kind === '2' ? 9 : 10;
    const path = parts.slice(pathStart).join(' ');
    if (kind === '2') index++; // the rename's original path follows as its own field
    const letter = treeLetter === 'D' || indexLetter === '.' ? treeLetter : indexLetter;
    entries.push({
      path,
      status: statusFromLetter(letter),
      staged: indexLetter !== '.' && treeLetter === '.',
    });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface GitSignature {
  readonly name: string;
  readonly email: string;
  /** ISO 8601 in UTC, as GitHub answers. */
  readonly date: string;
}

export interface ParsedCommit {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly author: GitSignature;
  readonly committer: GitSignature;
  readonly message: string;
}

const SIGNATURE = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/;

function parseSignature(value: string): GitSignature {
  const match = SIGNATURE.exec(value);
  if (!match) return { name: value, email: '', date: new Date(0).toISOString() };
  const date = new Date(Number(match[3]) * 1000).toISOString().replace('.000Z', 'Z');
  return { name: match[1] ?? '', email: match[2] ?? '', date };
}

/** Reads a commit object's headers and message (continuation lines such as gpgsig are skipped). */
export function parseCommit(content: Buffer): ParsedCommit {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  // GitHub shows messages without git's trailing newline.
  const message = split < 0 ? '' : text.slice(split + 2).replace(/\n$/, '');
  let tree = '';
  const parents: string[] = [];
  let author = parseSignature('');
  let committer = author;
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) continue;
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parseSignature(value);
    else if (key === 'committer') committer = parseSignature(value);
  }
  return { tree, parents, author, committer, message };
}

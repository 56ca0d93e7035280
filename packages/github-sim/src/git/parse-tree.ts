export interface RawTreeEntry {
  /** Six digits, as the API shows them (`040000` for trees). */
  readonly mode: string;
  readonly name: string;
  readonly sha: string;
}

/** Reads git's binary tree object format: `<mode> <name>\0<20-byte id>` repeated. */
export function parseTreeObject(content: Buffer): RawTreeEntry[] {
  const entries: RawTreeEntry[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(32, offset);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > content.length) break;
    const mode = content.subarray(offset, space).toString('latin1').padStart(6, '0');
    const name = content.subarray(space + 1, nul).toString('utf8');
    const sha = content.subarray(nul + 1, nul + 21).toString('hex');
    entries.push({ mode, name, sha });
    offset = nul + 21;
  }
  return entries;
}

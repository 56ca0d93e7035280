/**
 * Reads a `$GITHUB_ENV` or `$GITHUB_OUTPUT` file as the runner does: `NAME=value` lines and
 * multi-line values written as `NAME<<DELIMITER`, the lines, then `DELIMITER` alone.
 */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1)
        body.push(lines[index] ?? '');
      values[name] = body.join('\n');
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

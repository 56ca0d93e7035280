/** What a command printed, colour codes removed. */
export interface ConsoleOutput {
  readonly stdout: string;
  readonly stderr: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

export function cleanOutput(output: ConsoleOutput): ConsoleOutput {
  return { stdout: stripAnsi(output.stdout), stderr: stripAnsi(output.stderr) };
}

/** Both streams, stdout first: for runners whose lines do not depend on their interleaving. */
export function allLines(output: ConsoleOutput): string[] {
  return `${output.stdout}\n${output.stderr}`.split('\n');
}

export const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Text after a marker line up to the next line indented no deeper than `indent`. */
export function blockAfter(lines: readonly string[], from: number, indent: number): string[] {
  const block: string[] = [];
  for (let index = from + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() !== '' && indentOf(line) <= indent) break;
    block.push(line);
  }
  while (block.length > 0 && (block.at(-1) as string).trim() === '') block.pop();
  return block;
}

/** Removes the common leading indentation of a block. */
export function dedent(lines: readonly string[]): string {
  const indents = lines.filter((line) => line.trim() !== '').map(indentOf);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

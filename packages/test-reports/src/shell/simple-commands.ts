import { type ShellOperator, type ShellWord, tokenizeShell } from './tokenize-shell.js';

/** One simple command of a shell line: `A=1 mocha test/ > out.txt` in `npm run lint && A=1 mocha test/ > out.txt`. */
export interface SimpleCommand {
  /** Leading `NAME=value` words. */
  readonly assignments: readonly ShellWord[];
  /** The words after the assignments, redirections and their targets left out. */
  readonly words: readonly ShellWord[];
  /** Parentheses around it (a subshell): arguments appended to the line never reach it. */
  readonly depth: number;
  /** Its output goes into a pipe (`mocha | tee log`). */
  readonly isPipedFrom: boolean;
  /** The operator after it, null at the end of the line. */
  readonly next: ShellOperator | null;
}

export interface ParsedShellLine {
  readonly commands: readonly SimpleCommand[];
  /** A `#` comment: anything appended to the line would be commented out. */
  readonly hasComment: boolean;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const KEYWORDS = new Set(['!', '{', '}', 'then', 'do', 'else', 'elif', 'if', 'while', 'until']);

/** Groups a shell line's tokens into simple commands, with what surrounds each. */
export function parseShellLine(text: string): ParsedShellLine {
  const commands: SimpleCommand[] = [];
  let hasComment = false;
  let depth = 0;
  let assignments: ShellWord[] = [];
  let words: ShellWord[] = [];
  let skipTarget = false;

  const finish = (next: ShellOperator | null, commandDepth: number): void => {
    if (words.length > 0 || assignments.length > 0) {
      commands.push({
        assignments,
        words,
        depth: commandDepth,
        isPipedFrom: next === '|' || next === '|&',
        next,
      });
    }
    assignments = [];
    words = [];
  };

  for (const token of tokenizeShell(text)) {
    if (token.kind === 'comment') {
      hasComment = true;
      continue;
    }
    if (token.kind === 'redirect') {
      skipTarget = token.takesTarget;
      continue;
    }
    if (token.kind === 'word') {
      if (skipTarget) {
        skipTarget = false;
        continue;
      }
      if (words.length === 0 && ASSIGNMENT.test(token.value)) assignments.push(token);
      else if (words.length === 0 && KEYWORDS.has(token.value)) continue;
      else words.push(token);
      continue;
    }
    const commandDepth = depth;
    if (token.value === '(') depth++;
    else if (token.value === ')') depth = Math.max(0, depth - 1);
    finish(token.value === '(' || token.value === ')' ? null : token.value, commandDepth);
  }
  finish(null, depth);
  return { commands, hasComment };
}

/**
 * The command that arguments appended to the line reach (npm and pnpm append a script's extra
 * arguments to its text): the last one, outside parentheses, with nothing after it.
 */
export function lastCommandTakingArguments(line: ParsedShellLine): SimpleCommand | null {
  if (line.hasComment) return null;
  const last = line.commands.at(-1);
  // A trailing `;`, newline or `&` would make the appended words a command of their own.
  return last && last.depth === 0 && last.next === null ? last : null;
}

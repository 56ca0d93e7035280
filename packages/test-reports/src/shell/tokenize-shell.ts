// Hand-written: the npm shell parsers either drop offsets (shell-quote) or keep them only behind
// an async WASM build (sh-syntax) or an unmaintained GopherJS one (mvdan-sh); a planner that
// splices flags into the user's own line needs offsets, synchronously.

export type ShellOperator = '&&' | '||' | ';' | ';;' | '|' | '|&' | '&' | '(' | ')' | '\n';

export interface ShellWord {
  readonly kind: 'word';
  /** The word as the shell would pass it, quotes removed; expansions (`$X`, `$(…)`) left as written. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** True when it holds `$…` or a backquote: its real value is known only to the shell. */
  readonly hasExpansion: boolean;
}

export interface ShellOperatorToken {
  readonly kind: 'operator';
  readonly value: ShellOperator;
  readonly start: number;
  readonly end: number;
}

/** `>`, `2>&1`, `<<<`…: the word after it (when it takes one) is its target, not an argument. */
export interface ShellRedirect {
  readonly kind: 'redirect';
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** False for `2>&1`-style duplications written as one token (`>&2`): no target word follows. */
  readonly takesTarget: boolean;
}

export interface ShellComment {
  readonly kind: 'comment';
  readonly start: number;
  readonly end: number;
}

export type ShellToken = ShellWord | ShellOperatorToken | ShellRedirect | ShellComment;

const OPERATORS: readonly ShellOperator[] = ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')', '\n'];
const REDIRECT = /^(\d*)(?:(<&|>&)(\d+|-)?|<<<|<<-|<<|<>|>>|>\||&>>|&>|<|>)/;
const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\r';

/** Skips a `$(…)`, `${…}` or backquoted expansion starting at `index`; returns the index after it. */
function skipExpansion(text: string, index: number): number {
  if (text[index] === '`') {
    let at = index + 1;
    while (at < text.length && text[at] !== '`') at += text[at] === '\\' ? 2 : 1;
    return Math.min(at + 1, text.length);
  }
  const open = text[index + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let at = index + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '\\') at += 2;
    else if (char === "'")
      at = text.indexOf("'", at + 1) === -1 ? text.length : text.indexOf("'", at + 1) + 1;
    else {
      if (char === open) depth++;
      else if (char === close && --depth === 0) return at + 1;
      at++;
    }
  }
  return text.length;
}

/** Splits a POSIX shell line into words, operators, redirections and comments, keeping offsets. */
export function tokenizeShell(text: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (isBlank(char)) {
      index++;
      continue;
    }
    if (char === '\\' && text[index + 1] === '\n') {
      index += 2;
      continue;
    }
    if (char === '#') {
      const end = text.indexOf('\n', index);
      tokens.push({ kind: 'comment', start: index, end: end === -1 ? text.length : end });
      index = end === -1 ? text.length : end;
      continue;
    }
    const redirect = REDIRECT.exec(text.slice(index, index + 16));
    if (redirect && (redirect[1] !== '' || '<>'.includes(char) || text.startsWith('&>', index))) {
      const value = redirect[0];
      const takesTarget = redirect[3] === undefined;
      tokens.push({ kind: 'redirect', value, start: index, end: index + value.length, takesTarget });
      index += value.length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', value: operator, start: index, end: index + operator.length });
      index += operator.length;
      continue;
    }
    index = readWord(text, index, tokens);
  }
  return tokens;
}

function readWord(text: string, start: number, tokens: ShellToken[]): number {
  let value = '';
  let hasExpansion = false;
  let index = start;
  while (index < text.length) {
    const char = text[index] as string;
    if (isBlank(char) || char === '\n') break;
    if ('&|;()<>'.includes(char)) break;
    if (char === '\\') {
      if (text[index + 1] === '\n') index += 2;
      else {
        value += text[index + 1] ?? '';
        index += 2;
      }
    } else if (char === "'") {
      const close = text.indexOf("'", index + 1);
      const end = close === -1 ? text.length : close;
      value += text.slice(index + 1, end);
      index = end + 1;
    } else if (char === '$' && text[index + 1] === "'") {
      const close = text.indexOf("'", index + 2);
      const end = close === -1 ? text.length : close;
      value += text.slice(index + 2, end).replace(/\\(.)/g, '$1');
      index = end + 1;
    } else if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') {
        const inner = text[index] as string;
        if (inner === '\\' && '$`"\\\n'.includes(text[index + 1] ?? '')) {
          if (text[index + 1] !== '\n') value += text[index + 1];
          index += 2;
        } else if (inner === '$' || inner === '`') {
          const end =
            inner === '$' && !'({'.includes(text[index + 1] ?? '') ? index + 1 : skipExpansion(text, index);
          hasExpansion = true;
          value += text.slice(index, end);
          index = end;
        } else {
          value += inner;
          index++;
        }
      }
      index++;
    } else if (char === '`' || (char === '$' && '({'.includes(text[index + 1] ?? ''))) {
      const end = skipExpansion(text, index);
      hasExpansion = true;
      value += text.slice(index, end);
      index = end;
    } else {
      if (char === '$') hasExpansion = true;
      value += char;
      index++;
    }
  }
  const end = Math.min(index, text.length);
  if (end > start) tokens.push({ kind: 'word', value, start, end, hasExpansion });
  return end;
}

import type { FocusTest } from '@healing/adapters';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `^(?:a|b)$` over full test names, every regex character escaped (JavaScript and RE2 alike). */
export function exactNamesPattern(names: readonly string[]): string {
  return `^(?:${[...new Set(names)].map(escapeRegExp).join('|')})$`;
}

/**
 * Node 20 matches a pattern against each test's own name, Node 22+ also against its ancestors'
 * names joined by spaces. A full name `outer inner leaf` does not say where `inner`'s own name
 * ends, so every space-separated tail is offered: a superset at worst, never nothing.
 */
export function nodeNamesPattern(names: readonly string[]): string {
  const tails = names.flatMap((name) => {
    const parts = name.split(' ');
    return parts.map((_, index) => parts.slice(index).join(' ')).filter((tail) => tail !== '');
  });
  return exactNamesPattern(tails);
}

/** go test -run: the top-level tests that hold the focused (sub)tests. */
export function goRunPattern(names: readonly string[]): string {
  return exactNamesPattern(names.map((name) => name.split('/')[0] as string));
}

const PYTEST_WORD = /^[\w+\-.[\]\\/]+$/;
const PYTEST_RESERVED = new Set(['and', 'or', 'not', 'True', 'False', 'None']);

/**
 * A pytest `-k` expression selecting these tests, or null when a name holds characters `-k`
 * cannot express (spaces, quotes): then no focus at all rather than a wrong one. A
 * parametrized test whose parameters `-k` cannot say is selected by its function name: all
 * its cases run, a superset that still holds the focused one.
 */
export function pytestKeywordExpression(tests: readonly FocusTest[]): string | null {
  const terms: string[] = [];
  for (const test of tests) {
    const module = test.file === null ? [] : [test.file.slice(test.file.lastIndexOf('/') + 1)];
    const parts = test.name.split('::').filter((part) => part !== '');
    const words = [...module, ...parts.map(withoutUnsayableParameters)];
    if (words.length === 0 || words.some((word) => !PYTEST_WORD.test(word) || PYTEST_RESERVED.has(word)))
      return null;
    terms.push(words.length === 1 ? (words[0] as string) : `(${words.join(' and ')})`);
  }
  return terms.length === 0 ? null : [...new Set(terms)].join(' or ');
}

/** `test_x[a b]` as `test_x` when its parameters are not one `-k` word; else as it is. */
function withoutUnsayableParameters(part: string): string {
  const parametrized = /^([A-Za-z_]\w*)\[.*\]$/s.exec(part);
  return parametrized && !PYTEST_WORD.test(part) ? (parametrized[1] as string) : part;
}

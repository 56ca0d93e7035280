/** Added lines that switch a test off or narrow a run to a few tests. */
export const SKIP_PATTERNS: readonly RegExp[] = [
  /\.(?:skip|only|todo)\s*\(/,
  /\b(?:xit|xdescribe|xtest|fit|fdescribe)\s*\(/,
  /@pytest\.mark\.(?:skip|skipif|xfail)\b/,
  /\bpytest\.(?:skip|xfail)\s*\(/,
  /\bunittest\.skip/,
  /\bt\.Skip(?:Now|f)?\s*\(/,
  /@(?:Disabled|Ignore)\b/,
  /\bxfail\b/,
];

/** Removed lines that assert something: removing or rewriting one weakens a test. */
export const ASSERTION_PATTERNS: readonly RegExp[] = [
  /\bexpect\s*\(/,
  /\bassert\w*\b/,
  /\.should\b/,
  /\bt\.(?:is|not|deepEqual|notDeepEqual|equal|notEqual|strictEqual|true|false|ok|notOk|throws|rejects|match|like)\s*\(/,
  /\bself\.assert\w*\s*\(/,
  /\bt\.(?:Error|Fatal|Fail)f?\s*\(/,
];

export function matchesAny(line: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(line));
}

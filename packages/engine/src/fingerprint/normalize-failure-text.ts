// Order matters: ANSI first (it splits tokens), paths before line numbers (paths carry them).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[ -/]*[@-~]`, 'g');
// The random directory under a temp root; what follows it is the repository's own path.
const TEMP_PATH =
  /(?:\/(?:private\/)?(?:var\/folders\/[^/\s]+\/[^/\s]+\/T|tmp|var\/tmp)\/[^/\s:'"`)]+|[A-Za-z]:\\(?:Users\\[^\\\s]+\\AppData\\Local\\)?Temp\\[^\\\s:'"`)]+)/g;
const LINE_COLUMN = /(\.[A-Za-z0-9]{1,6}|<anonymous>|\))(?::\d+){1,2}/g;
const LINE_WORD = /\b(line|ln|col|column)\s+\d+/gi;
const HEX_ADDRESS = /\b0x[0-9a-f]{4,}\b/gi;
const TIMING = /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|µs|us|ns|m)\b/g;
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const PID = /\b(pid|port)\s*[=:]?\s*\d+/gi;

/**
 * Reduces a failure message to what stays the same across runs of the same breakage:
 * no colours, temp directories, line/column numbers, timings, timestamps or addresses.
 */
export function normalizeFailureText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(TEMP_PATH, '<tmp>')
    .replace(LINE_COLUMN, '$1')
    .replace(LINE_WORD, '$1 <n>')
    .replace(HEX_ADDRESS, '<addr>')
    .replace(ISO_TIME, '<time>')
    .replace(TIMING, '<duration>')
    .replace(PID, '$1 <n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first meaningful line of a failure message: the error's kind and text, without the stack. */
export function errorSignature(message: string): string {
  const lines = normalizeFailureText(
    message
      .replace(ANSI, '')
      .split('\n')
      .find((line) => line.trim()) ?? '',
  );
  return lines.slice(0, 300);
}

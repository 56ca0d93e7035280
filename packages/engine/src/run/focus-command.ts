import { FILES_PLACEHOLDER } from '../config/heal-config.js';

/**
 * The focus command with the test files in place of `{files}`: spread as separate argv
 * elements, or single-quoted for a shell line (paths come from test reports, not users).
 */
export function focusCommand(
  template: string | readonly string[],
  files: readonly string[],
): string | string[] {
  if (typeof template === 'string') {
    return template.replaceAll(FILES_PLACEHOLDER, files.map(shellQuote).join(' '));
  }
  return template.flatMap((argument) => (argument === FILES_PLACEHOLDER ? [...files] : [argument]));
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

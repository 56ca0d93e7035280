/**
 * Pieces of configuration files that define a test run, as text, so a before/after comparison
 * sees only changes there. Parsing is by lines and braces, not a full TOML/INI/JS parser: the
 * comparison needs the section's extent, not its meaning, and a formatting change inside a
 * section is refused on purpose.
 */

/**
 * The body of every `[name]` table in a TOML file (each up to the next table header),
 * concatenated, or null when there is none; `[[test]]` arrays of tables are named `[test]`.
 */
export function tomlSection(text: string | null, name: string): string | null {
  if (text === null) return null;
  const lines = text.split('\n');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const header = new RegExp(`^\\s*\\[\\s*${escaped}\\s*\\]\\s*(#.*)?$`);
  const kept: string[] = [];
  let isKept = false;
  for (const line of lines) {
    if (/^\s*\[/.test(line)) isKept = header.test(line);
    if (isKept) kept.push(line);
  }
  return kept.length === 0 ? null : kept.join('\n').trim();
}

/** Every INI section whose name matches, concatenated, or null when none does. */
export function iniSections(text: string | null, name: RegExp): string | null {
  if (text === null) return null;
  const kept: string[] = [];
  let isKept = false;
  for (const line of text.split('\n')) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) isKept = name.test((header[1] ?? '').trim());
    if (isKept) kept.push(line);
  }
  return kept.length === 0 ? null : kept.join('\n').trim();
}

/** The `test: { … }` property of a vite config, braces matched, or null. */
export function viteTestSection(text: string | null): string | null {
  if (text === null) return null;
  const match = /\btest\s*:\s*\{/.exec(text);
  if (match === null) return null;
  let depth = 0;
  for (let index = match.index + match[0].length - 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(match.index, index + 1);
    }
  }
  return text.slice(match.index);
}

/** The rule line and recipe of a Makefile target, or null when it has none. */
export function makeTargetRecipe(text: string | null, target: string): string | null {
  if (text === null) return null;
  const lines = text.split('\n');
  const rule = new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:(?!=)`);
  const start = lines.findIndex((line) => rule.test(line));
  if (start === -1) return null;
  const recipe = [lines[start] ?? ''];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('\t') && line.trim() !== '') break;
    recipe.push(line);
  }
  return recipe.join('\n').trim();
}

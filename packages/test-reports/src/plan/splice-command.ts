import type { CommandWord } from '../identify/find-runner-sites.js';
import { quoteShellWord } from '../shell/quote-shell.js';

export interface Insertion {
  /** The flags go right after this word of the user's command. */
  readonly after: CommandWord;
  readonly args: readonly string[];
}

function ordered(insertions: readonly Insertion[]): Insertion[] {
  // Later positions first, so earlier offsets stay valid; equal positions keep their order.
  return insertions
    .map((insertion, order) => ({ insertion, order }))
    .sort((a, b) => b.insertion.after.end - a.insertion.after.end || b.order - a.order)
    .map(({ insertion }) => insertion);
}

/**
 * Puts flags into the user's command without rewriting it: text spliced into a shell line (each
 * flag quoted), elements inserted into an argv.
 */
export function spliceCommand(
  command: string | readonly string[],
  insertions: readonly Insertion[],
): string | readonly string[] {
  const useful = insertions.filter((insertion) => insertion.args.length > 0);
  if (typeof command === 'string') {
    let text = command;
    for (const { after, args } of ordered(useful)) {
      text = `${text.slice(0, after.end)} ${args.map(quoteShellWord).join(' ')}${text.slice(after.end)}`;
    }
    return text;
  }
  const argv = [...command];
  for (const { after, args } of ordered(useful)) argv.splice(after.end, 0, ...args);
  return argv;
}

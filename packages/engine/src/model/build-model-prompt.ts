import type { CommitInfo, FailedTest } from '@healing/adapters';
import type { ChatMessage } from './chat-completions.js';
import type { ContextFile } from './gather-model-context.js';

export const MODEL_SYSTEM_PROMPT = [
  'You repair failing tests in a git repository by changing its source code.',
  'Answer with exactly one unified diff in git format (paths prefixed a/ and b/, correct hunk headers) inside a ```diff fence.',
  'Fix the code under test. Never edit, skip, delete or weaken tests, and never touch CI configuration such as .github/.',
  'Keep the change as small as possible.',
].join('\n');

const MAX_FAILURE_CHARS = 2_000;

/** The first request: the failure, the relevant files and the recent history. */
export function buildModelPrompt(options: {
  readonly failedTests: readonly FailedTest[];
  readonly files: readonly ContextFile[];
  readonly history: readonly CommitInfo[];
}): ChatMessage[] {
  const failures = options.failedTests
    .map((test) =>
      [
        `### ${test.id}`,
        test.file ? `file: ${test.file}` : '',
        clip(`${test.message}\n${test.output}`.trim()),
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
  const files = options.files.map((file) => `### ${file.path}\n\`\`\`\n${file.content}\n\`\`\``).join('\n\n');
  const history = options.history
    .map(
      (commit) =>
        `- ${commit.sha.slice(0, 7)} ${commit.message.trim().split('\n')[0]} (${commit.author.name})`,
    )
    .join('\n');
  const user = [
    `## Failing tests\n${failures}`,
    `## Files\n${files || '(none found)'}`,
    `## Recent commits\n${history || '(none)'}`,
    'Send the diff that makes the failing tests pass.',
  ].join('\n\n');
  return [
    { role: 'system', content: MODEL_SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}

/** The follow-up after a refused attempt: why it was refused and the test output it produced. */
export function buildFeedbackMessage(reason: string): ChatMessage {
  return {
    role: 'user',
    content: `That diff was refused: ${clip(reason, 6_000)}\n\nSend a corrected diff that fixes the code, not the tests.`,
  };
}

function clip(text: string, max = MAX_FAILURE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n…(truncated)`;
}

import type { FocusTest } from '@healing/adapters';
import type { RunnerSite } from '../identify/find-runner-sites.js';
import { quoteShellWord } from '../shell/quote-shell.js';
import {
  exactNamesPattern,
  goRunPattern,
  nodeNamesPattern,
  pytestKeywordExpression,
} from './focus-patterns.js';
import type { SiteFlags } from './site-report.js';
import { hasOption } from './user-flags.js';

/**
 * The flags that run only `tests` at one runner invocation, or null when the runner cannot be
 * asked there (or the user's own filter would override ours): the run is then the full suite.
 */
export function focusFor(site: RunnerSite, tests: readonly FocusTest[]): SiteFlags | null {
  const names = tests.map((test) => test.name);
  const isDirect = site.insertAfter !== null;
  const reachesArgs = isDirect || site.scriptArguments !== null;
  switch (site.runner) {
    case 'mocha':
      if (!reachesArgs || hasOption(site.args, ['--grep', '-g', '--fgrep', '-f', '--invert', '-i']))
        return null;
      return { args: ['--grep', exactNamesPattern(names)] };
    case 'jest':
    case 'vitest':
      if (!reachesArgs || hasOption(site.args, ['-t', '--testNamePattern'])) return null;
      return { args: [`--testNamePattern=${exactNamesPattern(names)}`] };
    case 'node':
      // Node 20 refuses --test-name-pattern in NODE_OPTIONS: only a direct `node --test` can be focused.
      if (!isDirect || hasOption(site.args, ['--test-name-pattern', '--test-only'])) return null;
      return { args: [`--test-name-pattern=${nodeNamesPattern(names)}`] };
    case 'pytest': {
      const expression = pytestKeywordExpression(tests);
      if (expression === null || hasOption(site.args, ['-k'])) return null;
      return { env: { name: 'PYTEST_ADDOPTS', words: ['-k', quoteShellWord(expression)] } };
    }
    case 'go': {
      const pattern = goRunPattern(names);
      if (hasOption(site.args, ['-run'])) return null;
      if (isDirect) return { args: [`-run=${pattern}`] };
      return /\s/.test(pattern) ? null : { env: { name: 'GOFLAGS', words: [`-run=${pattern}`] } };
    }
    case 'cargo':
      if (!isDirect || site.isNextest || site.args.includes('--')) return null;
      return { trailing: ['--', '--exact', ...new Set(names)] };
  }
}

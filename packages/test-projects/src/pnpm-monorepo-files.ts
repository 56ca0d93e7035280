/**
 * shelf: a pnpm workspace monorepo as TypeScript libraries are laid out today: `@shelf/core`
 * and `@shelf/api` (which imports core through a `workspace:*` link), one root vitest run over
 * both packages as projects, prettier for formatting.
 */
/** The pnpm contributors run (through npx): no `packageManager` pin, so pnpm never fetches itself. */
export const PNPM_VERSION = '12.21.0';

export const PNPM_ROOT_MANIFEST = {
  name: 'shelf',
  private: true,
  type: 'module',
  scripts: { test: 'vitest run', format: 'prettier --write .', 'format:check': 'prettier --check .' },
  devDependencies: { prettier: '^3.5.0', vitest: '^4.1.0' },
};

export const PRICE_SOURCE = `export function applyDiscount(cents: number, percent: number): number {
  if (percent < 0 || percent > 100) throw new RangeError('percent must be between 0 and 100');
  return Math.round((cents * (100 - percent)) / 100);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
`;

/** The regression: the discount applied twice as much. */
export const BROKEN_PRICE_SOURCE = PRICE_SOURCE.replace('(100 - percent)', '(100 - 2 * percent)');

export const FORMAT_SOURCE = `import { applyDiscount, sum } from '@shelf/core';

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return \`\${sign}$\${Math.floor(absolute / 100)}.\${String(absolute % 100).padStart(2, '0')}\`;
}

export function invoiceTotal(lines: readonly { cents: number; quantity: number }[], discount = 0): string {
  return formatCents(applyDiscount(sum(lines.map((line) => line.cents * line.quantity)), discount));
}
`;

/** The logic bug a model fixes: cents not padded. */
export const BROKEN_FORMAT_SOURCE = FORMAT_SOURCE.replace(".padStart(2, '0')", '');

const CORE_TEST = `import { describe, expect, it } from 'vitest';
import { applyDiscount, sum } from '../src/index.js';

describe('applyDiscount', () => {
  for (let percent = 0; percent <= 100; percent += 5) {
    it(\`takes \${percent}% off 1000 cents\`, () => {
      expect(applyDiscount(1000, percent)).toBe(1000 - percent * 10);
    });
  }
  it('refuses more than 100%', () => {
    expect(() => applyDiscount(100, 120)).toThrow(RangeError);
  });
});

describe('sum', () => {
  it('adds', () => expect(sum([1, 2, 3])).toBe(6));
  it('is zero for nothing', () => expect(sum([])).toBe(0));
});
`;

const API_TEST = `import { describe, expect, it } from 'vitest';
import { formatCents, invoiceTotal } from '../src/format.js';

describe('formatCents', () => {
  const cases: Array<[number, string]> = [
    [0, '$0.00'],
    [5, '$0.05'],
    [99, '$0.99'],
    [100, '$1.00'],
    [1234, '$12.34'],
    [-250, '-$2.50'],
    [100005, '$1000.05'],
  ];
  for (const [cents, text] of cases) {
    it(\`writes \${cents} as \${text}\`, () => expect(formatCents(cents)).toBe(text));
  }
});

describe('invoiceTotal', () => {
  it('adds the lines', () =>
    expect(
      invoiceTotal([
        { cents: 250, quantity: 2 },
        { cents: 100, quantity: 1 },
      ]),
    ).toBe('$6.00'));
  it('applies the discount', () => expect(invoiceTotal([{ cents: 1000, quantity: 1 }], 10)).toBe('$9.00'));
  it('discounts a quarter', () => expect(invoiceTotal([{ cents: 400, quantity: 3 }], 25)).toBe('$9.00'));
});
`;

const packageManifest = (name: string, extra: Record<string, unknown>) =>
  `${JSON.stringify({ name, version: '0.1.0', private: true, type: 'module', ...extra }, null, 2)}\n`;

export const PNPM_FILES: Readonly<Record<string, string>> = {
  'package.json': `${JSON.stringify(PNPM_ROOT_MANIFEST, null, 2)}\n`,
  'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
  '.gitignore': 'node_modules/\ncoverage/\n',
  '.prettierrc.json': `${JSON.stringify({ singleQuote: true, printWidth: 120 }, null, 2)}\n`,
  '.prettierignore': 'pnpm-lock.yaml\n',
  'vitest.config.ts':
    "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: {\n    projects: ['packages/*'],\n  },\n});\n",
  'packages/core/package.json': packageManifest('@shelf/core', { exports: './src/index.ts' }),
  'packages/core/src/index.ts': "export { applyDiscount, sum } from './price.js';\n",
  'packages/core/src/price.ts': PRICE_SOURCE,
  'packages/core/test/price.test.ts': CORE_TEST,
  'packages/api/package.json': packageManifest('@shelf/api', {
    dependencies: { '@shelf/core': 'workspace:*' },
  }),
  'packages/api/src/format.ts': FORMAT_SOURCE,
  'packages/api/test/format.test.ts': API_TEST,
};

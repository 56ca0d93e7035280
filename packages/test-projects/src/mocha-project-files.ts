/**
 * numbers-api: an Express service tested with mocha and supertest through HTTP, linted with
 * ESLint, as a small open-source Node project is. About 1,080 tests in four files.
 */
export const MOCHA_MANIFEST = {
  name: 'numbers-api',
  version: '1.0.0',
  private: true,
  description: 'Arithmetic over HTTP',
  main: 'src/app.js',
  scripts: { test: 'mocha', lint: 'eslint .', start: 'node src/server.js' },
  dependencies: { express: '^5.1.0' },
  devDependencies: { eslint: '^9.20.0', mocha: '^11.1.0', supertest: '^7.1.0' },
};

export const CLAMP_SOURCE = `'use strict';

function clamp(value, low, high) {
  return Math.min(Math.max(value, low), high);
}

module.exports = { clamp };
`;

/** The regression bisection has to find: the bounds swapped. */
export const BROKEN_CLAMP_SOURCE = CLAMP_SOURCE.replace(
  'Math.min(Math.max(value, low), high)',
  'Math.max(Math.min(value, low), high)',
);

export const PERCENT_SOURCE = `'use strict';

function percent(part, whole) {
  if (whole === 0) return 0;
  return Math.round((part / whole) * 100);
}

module.exports = { percent };
`;

/** The logic bug a model fixes: rounding down. */
export const BROKEN_PERCENT_SOURCE = PERCENT_SOURCE.replace('Math.round(', 'Math.floor(');

const ROMAN_SOURCE = `'use strict';

const NUMERALS = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

function toRoman(number) {
  let rest = number;
  let text = '';
  for (const [value, numeral] of NUMERALS) {
    while (rest >= value) {
      text += numeral;
      rest -= value;
    }
  }
  return text;
}

function fromRoman(text) {
  let total = 0;
  let index = 0;
  for (const [value, numeral] of NUMERALS) {
    while (text.startsWith(numeral, index)) {
      total += value;
      index += numeral.length;
    }
  }
  return index === text.length ? total : null;
}

module.exports = { toRoman, fromRoman };
`;

const STATS_SOURCE = `'use strict';

function mean(values) {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { mean, median };
`;

const APP_SOURCE = `'use strict';

const express = require('express');
const { clamp } = require('./lib/clamp');
const { percent } = require('./lib/percent');
const { toRoman, fromRoman } = require('./lib/roman');
const { mean, median } = require('./lib/stats');

const app = express();

function numberParam(request, name) {
  const value = Number(request.query[name]);
  return Number.isFinite(value) ? value : null;
}

app.get('/clamp', (request, response) => {
  const [value, low, high] = ['value', 'low', 'high'].map((name) => numberParam(request, name));
  if (value === null || low === null || high === null) return response.status(400).json({ error: 'value, low and high must be numbers' });
  return response.json({ result: clamp(value, low, high) });
});

app.get('/percent', (request, response) => {
  const part = numberParam(request, 'part');
  const whole = numberParam(request, 'whole');
  if (part === null || whole === null) return response.status(400).json({ error: 'part and whole must be numbers' });
  return response.json({ result: percent(part, whole) });
});

app.get('/roman/:number', (request, response) => {
  const number = Number(request.params.number);
  if (!Number.isInteger(number) || number < 1 || number > 3999) return response.status(400).json({ error: 'a whole number from 1 to 3999' });
  return response.json({ result: toRoman(number) });
});

app.get('/arabic/:numeral', (request, response) => {
  const result = fromRoman(request.params.numeral.toUpperCase());
  if (result === null) return response.status(400).json({ error: 'not a roman numeral' });
  return response.json({ result });
});

app.get('/stats', (request, response) => {
  const values = String(request.query.values ?? '').split(',').filter(Boolean).map(Number);
  if (values.some((value) => !Number.isFinite(value))) return response.status(400).json({ error: 'values must be numbers' });
  return response.json({ mean: mean(values), median: median(values) });
});

module.exports = { app };
`;

const SERVER_SOURCE = `'use strict';

const { app } = require('./app');

app.listen(Number(process.env.PORT ?? 3000));
`;

const CLAMP_TEST = `'use strict';

const assert = require('node:assert');
const request = require('supertest');
const { app } = require('../src/app');

describe('GET /clamp', function () {
  const cases = [];
  for (let value = -10; value <= 20; value += 1) cases.push([value, 0, 10, Math.min(Math.max(value, 0), 10)]);
  for (const [value, low, high, expected] of cases) {
    it(\`clamps \${value} into [\${low}, \${high}]\`, async function () {
      const response = await request(app).get('/clamp').query({ value, low, high }).expect(200);
      assert.strictEqual(response.body.result, expected);
    });
  }

  it('refuses a bound that is not a number', async function () {
    await request(app).get('/clamp').query({ value: 1, low: 'x', high: 2 }).expect(400);
  });
});
`;

const PERCENT_TEST = `'use strict';

const assert = require('node:assert');
const request = require('supertest');
const { app } = require('../src/app');

describe('GET /percent', function () {
  const cases = [[1, 3, 33], [2, 3, 67], [1, 8, 13], [5, 10, 50], [7, 9, 78], [0, 5, 0], [5, 0, 0], [3, 3, 100]];
  for (const [part, whole, expected] of cases) {
    it(\`is \${expected} for \${part} of \${whole}\`, async function () {
      const response = await request(app).get('/percent').query({ part, whole }).expect(200);
      assert.strictEqual(response.body.result, expected);
    });
  }

  it('refuses text', async function () {
    await request(app).get('/percent').query({ part: 'a', whole: 3 }).expect(400);
  });
});
`;

const romanTest = (readBackUpTo: number) => `'use strict';

const assert = require('node:assert');
const request = require('supertest');
const { app } = require('../src/app');
const { toRoman } = require('../src/lib/roman');

const READ_BACK_UP_TO = ${readBackUpTo};

describe('roman numerals', function () {
  describe('GET /roman/:number', function () {
    const known = { 1: 'I', 4: 'IV', 9: 'IX', 14: 'XIV', 40: 'XL', 90: 'XC', 400: 'CD', 1994: 'MCMXCIV', 2024: 'MMXXIV', 3999: 'MMMCMXCIX' };
    for (const [number, numeral] of Object.entries(known)) {
      it(\`writes \${number} as \${numeral}\`, async function () {
        const response = await request(app).get(\`/roman/\${number}\`).expect(200);
        assert.strictEqual(response.body.result, numeral);
      });
    }
    it('refuses zero', async function () {
      await request(app).get('/roman/0').expect(400);
    });
  });

  describe('GET /arabic/:numeral', function () {
    for (let number = 1; number <= READ_BACK_UP_TO; number += 1) {
      it(\`reads back \${number}\`, async function () {
        const response = await request(app).get(\`/arabic/\${toRoman(number)}\`).expect(200);
        assert.strictEqual(response.body.result, number);
      });
    }
    it('refuses what is not a numeral', async function () {
      await request(app).get('/arabic/ABC').expect(400);
    });
  });
});
`;

const STATS_TEST = `'use strict';

const assert = require('node:assert');
const request = require('supertest');
const { app } = require('../src/app');

describe('GET /stats', function () {
  const cases = [
    ['1,2,3', 2, 2],
    ['4,1,3,2', 2.5, 2.5],
    ['10', 10, 10],
    ['5,5,5,5', 5, 5],
    ['1,100', 50.5, 50.5],
    ['3,1,2,9,7', 4.4, 3],
  ];
  for (const [values, mean, median] of cases) {
    it(\`summarises \${values}\`, async function () {
      const response = await request(app).get('/stats').query({ values }).expect(200);
      assert.deepStrictEqual(response.body, { mean, median });
    });
  }

  it('has no mean of nothing', async function () {
    const response = await request(app).get('/stats').expect(200);
    assert.deepStrictEqual(response.body, { mean: null, median: null });
  });
});
`;

const ESLINT_CONFIG = `'use strict';

module.exports = [
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', describe: 'readonly', it: 'readonly' },
    },
    rules: { 'no-var': 'error', 'prefer-const': 'error', 'no-unused-vars': 'error', eqeqeq: 'error' },
  },
];
`;

/** The project's files; `size: 'many'` reads back 1,000 numerals (about 1,080 tests), `'few'` 120 (about 200). */
export function mochaFiles(size: 'many' | 'few'): Readonly<Record<string, string>> {
  return { ...MOCHA_FILES, 'test/roman.test.js': romanTest(size === 'many' ? 1000 : 120) };
}

const MOCHA_FILES: Readonly<Record<string, string>> = {
  'package.json': `${JSON.stringify(MOCHA_MANIFEST, null, 2)}\n`,
  '.gitignore': 'node_modules/\ncoverage/\n',
  '.mocharc.json': `${JSON.stringify({ spec: 'test/**/*.test.js', timeout: 5000 }, null, 2)}\n`,
  'eslint.config.js': ESLINT_CONFIG,
  'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n',
  'src/app.js': APP_SOURCE,
  'src/server.js': SERVER_SOURCE,
  'src/lib/clamp.js': CLAMP_SOURCE,
  'src/lib/percent.js': PERCENT_SOURCE,
  'src/lib/roman.js': ROMAN_SOURCE,
  'src/lib/stats.js': STATS_SOURCE,
  'test/clamp.test.js': CLAMP_TEST,
  'test/percent.test.js': PERCENT_TEST,
  'test/stats.test.js': STATS_TEST,
};

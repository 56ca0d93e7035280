/** Source files of the fixture repositories: a sum and a mul module with their tests. */
export const SUM_SOURCE = 'export function sum(a, b) {\n  return a + b;\n}\n';
export const BROKEN_SUM_SOURCE = 'export function sum(a, b) {\n  return a - b;\n}\n';
export const MUL_SOURCE = 'export function mul(a, b) {\n  return a * b;\n}\n';

export const SUM_TEST = `import { sum } from '../src/sum.mjs';
test('adds two numbers', () => {
  assertEqual(sum(1, 2), 3);
});
`;

export const MUL_TEST = `import { mul } from '../src/mul.mjs';
test('multiplies two numbers', () => {
  assertEqual(mul(2, 3), 6);
});
`;

export const BASE_FILES = {
  'src/sum.mjs': SUM_SOURCE,
  'src/mul.mjs': MUL_SOURCE,
  'test/sum.test.mjs': SUM_TEST,
  'test/mul.test.mjs': MUL_TEST,
};

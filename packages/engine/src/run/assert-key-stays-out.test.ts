import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { parseHealConfig } from '../config/parse-heal-config.js';
import { assertKeyStaysOut } from './assert-key-stays-out.js';

const key = 'sk-live-abcdefghijklmnop0123';

describe('assertKeyStaysOut', () => {
  it('accepts commands whose environment holds no key', () => {
    const config = parseHealConfig({ test: { command: 'npm test', env: { NODE_ENV: 'test' } } });
    expect(() => assertKeyStaysOut(config, key)).not.toThrow();
  });

  it('refuses the key variable by name or by value, without printing the value', () => {
    const byName = parseHealConfig({ test: { command: 'npm test', env: { OPENAI_API_KEY: 'x' } } });
    expect(() => assertKeyStaysOut(byName, key)).toThrowError(
      /test\.env\.OPENAI_API_KEY would pass the model key/,
    );
    const byValue = parseHealConfig({
      test: { command: 'npm test' },
      strategies: {
        autofix: { commands: [{ name: 'fmt', command: 'fmt', env: { TOKEN: `Bearer ${key}` } }] },
      },
    });
    let caught: unknown;
    try {
      assertKeyStaysOut(byValue, key);
    } catch (error) {
      caught = error;
    }
    expect(isHealingError(caught, 'CONFIG_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('strategies.autofix.commands.0.env.TOKEN');
    expect((caught as Error).message).not.toContain(key);
  });
});

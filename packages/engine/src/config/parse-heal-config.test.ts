import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { parseHealConfig } from './parse-heal-config.js';

describe('parseHealConfig', () => {
  it('fills every default from a minimal config', () => {
    const config = parseHealConfig({ test: { command: 'node test.js' } });
    expect(config.strategies.flaky).toEqual({
      enabled: true,
      reruns: 3,
      delayMs: 0,
      quarantine: { enabled: false, path: '.healing/quarantine.json' },
    });
    expect(config.strategies.model.enabled).toBe(false);
    expect(config.strategies.model.apiKeyEnv).toBe('OPENAI_API_KEY');
    expect(config.guardrails.maxChangedLines).toBe(200);
    expect(config.validation.repeat).toBe(2);
    expect(config.delivery.branchPrefix).toBe('heal/');
    expect(config.test.timeoutMs).toBe(600_000);
  });

  it('names the key and the allowed values of a bad enum', () => {
    expect(() => parseHealConfig({ test: { command: 'x', report: { format: 'xml' } } })).toThrowError(
      /test\.report\.format: .*allowed values: "junit", "tap"/,
    );
  });

  it('names an unknown key and lists the keys allowed there', () => {
    try {
      parseHealConfig({ test: { command: 'x' }, strategies: { flakey: {} } });
      expect.unreachable();
    } catch (error) {
      expect(isHealingError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain('strategies: unknown key "flakey"');
      expect((error as Error).message).toContain('allowed keys: flaky, regression, autofix, model');
    }
  });

  it('refuses a missing test command and a non-positive budget', () => {
    expect(() => parseHealConfig({})).toThrowError(/test: /);
    expect(() =>
      parseHealConfig({ test: { command: 'x' }, strategies: { model: { maxAttempts: 0 } } }),
    ).toThrowError(/strategies\.model\.maxAttempts/);
  });
});

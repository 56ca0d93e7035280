import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function loadError(dir: string, overrides: Record<string, unknown> = {}): Promise<Error> {
  try {
    await loadConfig({ dir, overrides });
  } catch (error) {
    expect(isHealingError(error, 'CONFIG_INVALID')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  it('reads heal.config.json and fills defaults', async () => {
    const dir = repo({
      'heal.config.json': JSON.stringify({ test: { command: 'node test.js' }, defaultBranch: 'trunk' }),
    });
    const loaded = await loadConfig({ dir });
    expect(loaded.source).toBe('heal.config.json');
    expect(loaded.config.test.command).toBe('node test.js');
    expect(loaded.config.defaultBranch).toBe('trunk');
    expect(loaded.config.strategies.flaky.enabled).toBe(true);
  });

  it('reads YAML and the "heal" key of package.json', async () => {
    const yaml = await loadConfig({
      dir: repo({
        'heal.config.yaml': 'test:\n  command: [node, t.js]\nstrategies:\n  flaky:\n    reruns: 5\n',
      }),
    });
    expect(yaml.config.test.command).toEqual(['node', 't.js']);
    expect(yaml.config.strategies.flaky.reruns).toBe(5);
    const manifest = await loadConfig({
      dir: repo({ 'package.json': JSON.stringify({ heal: { test: { command: 'make check' } } }) }),
    });
    expect(manifest.source).toBe('package.json#heal');
    expect(manifest.config.test.command).toBe('make check');
  });

  it('lets flags override the file', async () => {
    const dir = repo({
      'heal.config.json': JSON.stringify({ test: { command: 'a' }, strategies: { flaky: { reruns: 2 } } }),
    });
    const loaded = await loadConfig({ dir, overrides: { strategies: { flaky: { reruns: 9 } } } });
    expect(loaded.config.strategies.flaky.reruns).toBe(9);
    expect(loaded.config.test.command).toBe('a');
  });

  it('detects the test and setup commands when the config names none, adding no report flags', async () => {
    const dir = repo({
      'package.json': JSON.stringify({
        scripts: { test: 'vitest run src' },
        devDependencies: { vitest: '^4' },
      }),
      'package-lock.json': '{}',
    });
    const loaded = await loadConfig({ dir });
    expect(loaded.source).toBeNull();
    expect(loaded.config.test.command).toBe('npm test');
    expect(loaded.config.test.report).toBeUndefined();
    expect(loaded.testCommandFrom).toContain('vitest run src');
    expect(loaded.config.setup).toMatchObject({ command: 'npm ci --prefer-offline --no-audit --no-fund' });
    expect(loaded.setupFrom).toContain('package-lock.json');
  });

  it('keeps a configured setup, and none when it is switched off', async () => {
    const configured = await loadConfig({
      dir: repo({
        'heal.config.json': JSON.stringify({
          test: { command: 'npm test' },
          setup: { command: 'npm install' },
        }),
        'package-lock.json': '{}',
      }),
    });
    expect(configured.config.setup).toMatchObject({ command: 'npm install' });
    const off = await loadConfig({
      dir: repo({ 'heal.config.json': JSON.stringify({ test: { command: 'npm test' }, setup: false }) }),
    });
    expect(off.config.setup).toBe(false);
  });

  it('names the file, the key and the allowed values of a bad setting', async () => {
    const error = await loadError(
      repo({ 'heal.config.json': JSON.stringify({ test: { command: 'x', report: { format: 'xml' } } }) }),
    );
    expect(error.message).toMatch(/^heal\.config\.json: .*test\.report\.format.*allowed values/);
  });

  it('explains broken syntax, two configs and a missing test command', async () => {
    expect((await loadError(repo({ 'heal.config.json': '{ "test": ' }))).message).toContain(
      'heal.config.json is not valid JSON',
    );
    expect(
      (await loadError(repo({ 'heal.config.json': '{}', 'heal.config.yaml': 'test: {}' }))).message,
    ).toContain('more than one heal config');
    expect((await loadError(repo({}))).message).toContain('no test command found');
  });
});

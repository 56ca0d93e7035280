import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { readRawHealConfig } from './read-raw-config.js';

const reader =
  (files: Record<string, string>) =>
  async (path: string): Promise<string | null> =>
    files[path] ?? null;

describe('readRawHealConfig', () => {
  it('reads JSON, YAML and package.json "heal", saying which', async () => {
    expect(await readRawHealConfig(reader({ 'heal.config.json': '{"test":{"command":"x"}}' }))).toEqual({
      source: 'heal.config.json',
      value: { test: { command: 'x' } },
    });
    expect(await readRawHealConfig(reader({ 'heal.config.yml': 'test:\n  command: [a, b]\n' }))).toEqual({
      source: 'heal.config.yml',
      value: { test: { command: ['a', 'b'] } },
    });
    expect(
      await readRawHealConfig(
        reader({ 'package.json': JSON.stringify({ name: 'x', heal: { defaultBranch: 'trunk' } }) }),
      ),
    ).toEqual({ source: 'package.json#heal', value: { defaultBranch: 'trunk' } });
    expect(await readRawHealConfig(reader({ 'package.json': '{ not json' }))).toEqual({
      source: null,
      value: {},
    });
    expect(await readRawHealConfig(reader({}))).toEqual({ source: null, value: {} });
  });

  it('refuses two configs, bad syntax and a non-object, naming the file', async () => {
    const failure = async (files: Record<string, string>): Promise<string> => {
      try {
        await readRawHealConfig(reader(files));
      } catch (error) {
        expect(isHealingError(error, 'CONFIG_INVALID')).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected a config error');
    };
    expect(await failure({ 'heal.config.json': '{}', 'package.json': '{"heal":{}}' })).toContain(
      'heal.config.json, package.json#heal',
    );
    expect(await failure({ 'heal.config.yaml': 'test: [unclosed' })).toContain(
      'heal.config.yaml is not valid YAML',
    );
    expect(await failure({ 'heal.config.json': '[1, 2]' })).toContain('must hold an object');
    expect(await failure({ 'package.json': '{"heal": "yes"}' })).toContain(
      'package.json "heal" must be an object',
    );
  });
});

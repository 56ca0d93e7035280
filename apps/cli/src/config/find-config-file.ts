import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type RawHealConfig, readRawHealConfig } from '@healing/engine';

export { CONFIG_FILE_NAMES } from '@healing/engine';
export type RawConfig = RawHealConfig;

/** Reads the one config of a local repository: heal.config.{json,yaml,yml} or package.json's "heal". */
export function readRawConfig(dir: string): Promise<RawConfig> {
  return readRawHealConfig(async (path) => {
    try {
      return await readFile(join(dir, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  });
}

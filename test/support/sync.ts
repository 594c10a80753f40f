import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { tempDir } from './cli.js';

/** A sync file with `yaml` in a folder of its own (where a `.env` may go beside it). */
export function fileWith(yaml: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'hooks.yaml');
  writeFileSync(file, yaml);
  return { dir, file };
}

/** The emulator's subscriptions as sorted `url event token on|off` lines, to compare with a file. */
export const pairs = (emu: Emulator): string[] =>
  emu.store
    .list()
    .map((sub) => `${sub.callback_url} ${sub.event_type} ${sub.callback_token} ${sub.enabled ? 'on' : 'off'}`)
    .sort();

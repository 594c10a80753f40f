import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './cli.js';

/** A folder holding an executable `cloudflared` (the stand-in, test/support/fake-cloudflared.cjs): put it first on PATH. */
export function fakeCloudflaredDir(): string {
  const dir = tempDir('slh-cloudflared-');
  const file = join(dir, 'cloudflared');
  const script = readFileSync(join(ROOT, 'test', 'support', 'fake-cloudflared.cjs'), 'utf8');
  writeFileSync(file, `#!${process.execPath}\n${script}`);
  chmodSync(file, 0o755);
  return dir;
}

import { statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Recorder } from '../../../src/listen/recording-file.js';
import { tempDir } from '../../support/cli.js';

describe('--record', () => {
  it('refuses a symbolic link, leaving its target untouched', () => {
    const dir = tempDir();
    const target = join(dir, 'precious');
    writeFileSync(target, 'keep me', { mode: 0o644 });
    const link = join(dir, 'deliveries.jsonl');
    symlinkSync(target, link);
    expect(() => new Recorder(link)).toThrow(/is a symbolic link: give the path of a regular file/);
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it('creates a new file with mode 0600', async () => {
    const file = join(tempDir(), 'new.jsonl');
    const recorder = new Recorder(file);
    await recorder.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

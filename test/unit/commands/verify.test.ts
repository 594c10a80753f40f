import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Verify from '../../../src/commands/verify.js';
import { tempDir } from '../../support/cli.js';
import { runCommand } from '../../support/command.js';
import { hmacHex } from '../../support/hmac.js';

describe('verify (in process)', () => {
  it('returns the diagnosis: valid, or invalid with the likely cause (exit 1)', async () => {
    const file = join(tempDir(), 'body.json');
    const body = '{"id":1,"name":"Ada"}';
    writeFileSync(file, body);
    const valid = await runCommand(Verify, [
      '--token',
      't',
      '--signature',
      hmacHex(body, 't'),
      '--body-file',
      file,
      '--json',
    ]);
    expect([valid.exitCode, valid.result?.valid]).toEqual([0, true]);
    const sha256 = await runCommand(Verify, [
      '--token',
      't',
      '--signature',
      hmacHex(body, 't', 'sha256'),
      '--body-file',
      file,
      '--json',
    ]);
    expect(sha256.exitCode).toBe(1);
    expect(sha256.result).toMatchObject({
      valid: false,
      reason: 'malformed',
      hint: expect.stringContaining('HMAC-SHA256'),
    });
  });
});

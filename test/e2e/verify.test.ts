import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { hmacHex } from '../support/hmac.js';

const BODY = '{"id":1}';
const hmac = (algorithm: 'sha1' | 'sha256', body: string, key: string) => hmacHex(body, key, algorithm);

describe('salesloft-hooks verify', () => {
  it('exits 0 for the signature openssl would compute, body on stdin', async () => {
    const result = await runCli(['verify', '--token', 't', '--signature', hmac('sha1', BODY, 't')], {
      input: BODY,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^valid/);
  });

  it('reads the body from --body-file', async () => {
    const file = join(tempDir(), 'body.json');
    writeFileSync(file, BODY);
    const result = await runCli([
      'verify',
      '--token',
      't',
      '--signature',
      hmac('sha1', BODY, 't'),
      '--body-file',
      file,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(parseJson(result)).toEqual({ valid: true, reason: null });
  });

  it('exits 1 with reason mismatch and the expected signature for a tampered body', async () => {
    const args = ['verify', '--token', 't', '--signature', hmac('sha1', BODY, 't')];
    const human = await runCli(args, { input: '{"id":2}' });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('invalid: mismatch');
    const json = await runCli([...args, '--json'], { input: '{"id":2}' });
    expect(json.code).toBe(1);
    expect(parseJson(json)).toEqual({
      valid: false,
      reason: 'mismatch',
      expected: hmac('sha1', '{"id":2}', 't'),
    });
  });

  it('exits 1 for a SHA-256 signature and says Salesloft uses SHA-1', async () => {
    const result = await runCli(
      ['verify', '--token', 't', '--signature', hmac('sha256', BODY, 't'), '--json'],
      {
        input: BODY,
      },
    );
    expect(result.code).toBe(1);
    expect(parseJson<{ hint: string }>(result).hint).toMatch(/HMAC-SHA256.*HMAC-SHA1/);
  });

  it('exits 2 without --signature, naming the flag, in both modes', async () => {
    const human = await runCli(['verify', '--token', 't'], { input: BODY });
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/Missing required flag signature/);
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    const json = await runCli(['verify', '--token', 't', '--json'], { input: BODY });
    expect(json.code).toBe(2);
    expect(parseJson(json)).toEqual({
      error: { code: 'usage', message: expect.stringMatching(/signature/) },
    });
  });

  it('exits 2 for an unreadable --body-file, in both modes', async () => {
    const args = [
      'verify',
      '--token',
      't',
      '--signature',
      hmac('sha1', BODY, 't'),
      '--body-file',
      '/no/such/file',
    ];
    const human = await runCli(args);
    expect(human.code).toBe(2);
    expect(human.stderr).toBe('Error: Cannot read --body-file /no/such/file (ENOENT).\n');
    const json = await runCli([...args, '--json']);
    expect(json.code).toBe(2);
    expect(parseJson(json)).toEqual({
      error: { code: 'unreadable_file', message: 'Cannot read --body-file /no/such/file (ENOENT).' },
    });
  });
});

// Through a real process: stdin (--data -), and trigger/replay reaching a running listen. What the
// commands do with their flags is tested in process: test/unit/commands/trigger-replay.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { closeAfterTest, recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

describe('a quiet session: trigger --print and --emulator-interval', () => {
  it('trigger --print writes the sample (with --set) for --data - to send back; without --to or --print is exit 2', async () => {
    const printed = await runCli(['trigger', 'person_updated', '--print', '--set', 'first_name=Zed']);
    expect(printed.code).toBe(0);
    const body = JSON.parse(printed.stdout) as { first_name: string; id: number };
    expect(body.first_name).toBe('Zed');
    const target = await recordingServer();
    const sent = await runCli(
      ['trigger', 'person_updated', '--to', target.url, '--data', '-', '--token', 't'],
      {
        input: printed.stdout.trim(),
      },
    );
    expect(sent.code).toBe(0);
    expect(target.received[0]?.body.toString()).toBe(printed.stdout.trim());
    const typo = await runCli(['trigger', 'person_updated', '--print', '--set', 'frist_name=Zed']);
    expect(typo.code).toBe(0);
    expect(typo.stderr).toContain(
      '--set frist_name: the person_updated sample has no such field, so it is added (did you mean first_name',
    );
    const missing = await runCli(['trigger', 'person_updated', '--token', 't']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No listen session is running from this state directory');
  });

  it('trigger --print writes a sample as Salesloft does: updated_at with microseconds and an offset, & and < as \\u0026 and \\u003c', async () => {
    const printed = await runCli([
      'trigger',
      'task_updated',
      '--print',
      '--set',
      'subject=R&D <Q1> für José',
    ]);
    expect(printed.code).toBe(0);
    const body = JSON.parse(printed.stdout) as { updated_at: string; created_at: string; subject: string };
    expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/);
    expect(Date.parse(body.created_at)).toBeLessThan(Date.parse(body.updated_at));
    expect(printed.stdout).toContain('"subject":"R\\u0026D \\u003cQ1\\u003e für José"');
    expect(body.subject).toBe('R&D <Q1> für José');
  });

  it('listen --emulator --emulator-interval 0 sends the first round only', async () => {
    const cli = startCli([
      'listen',
      '--emulator',
      '--event',
      'person_updated',
      '--emulator-interval',
      '0',
      '--json',
    ]);
    await cli.waitFor(/"event_type":"person_updated"/, 'stdout');
    // The default interval is 2 s: past it, still one delivery.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(cli.stdout.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('then no more (--emulator-interval 0)');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });
});

/** An emulator and the environment of commands that share one state directory. */
async function sharedState() {
  const emu = await emulator();
  const env = {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_API_KEY: 'ak_test',
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
  };
  return { emu, env };
}

describe('trigger and replay through a running listen, as stripe trigger does', () => {
  it('with no --to they deliver to the one listen session: verified, printed, forwarded', async () => {
    const { env } = await sharedState();
    const record = join(tempDir(), 'deliveries.jsonl');
    const cli = startCli(['listen', '--event', 'person_updated', '--no-inspect', '--record', record], env);
    await cli.waitFor(/Callback token:/);
    const triggered = await runCli(['trigger', 'person_updated', '--set', 'first_name=Through'], { env });
    expect(triggered.code).toBe(0);
    expect(triggered.stdout).toMatch(/^#1 person_updated {2}<-- 200/);
    await cli.waitFor(/#1 {2}person_updated .*Through.* verified/, 'stdout');
    const replayed = await runCli(['replay', '1', '--from', record], { env });
    expect(replayed.code).toBe(0);
    // Both say what it is: the session's #2, a replay of #1 (not a retry).
    expect(replayed.stdout).toMatch(/^#2 person_updated {2}<-- 200 \d+ ms "ok" {2}replay of #1\n$/);
    await cli.waitFor(/#2 {2}person_updated .* verified {2}replay of #1\n/, 'stdout');
    // A token other than the session's would only be refused: said before anything is sent.
    const other = await runCli(['trigger', 'person_updated', '--token', 'another-token'], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('signs with another callback token');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('the app’s answer comes back whole: its status and body, and the session’s number; a type the session did not subscribe is exit 2 unless --force', async () => {
    const { env } = await sharedState();
    const { createServer } = await import('node:http');
    const down = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down"}');
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    closeAfterTest(down);
    const port = (down.address() as { port: number }).port;
    const cli = startCli(
      ['listen', '--event', 'person_updated', '--no-inspect', '--forward-to', `:${port}/hooks`],
      env,
    );
    await cli.waitFor(/Callback token:/);
    await runCli(['trigger', 'person_updated'], { env });
    const second = await runCli(['trigger', 'person_updated'], { env });
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/^#2 person_updated {2}<-- 500 \d+ ms "\{\\"error\\":\\"down\\"\}"\n$/);
    expect(second.stdout).not.toContain('"ok"');
    await cli.waitFor(/#2 {2}<-- 500/, 'stdout');
    const outside = await runCli(['trigger', 'task_created'], { env });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(
      /listen session [0-9a-f]{12} did not subscribe task_created \(it has person_updated\), so Salesloft would never send it there: pass --force to send anyway, or --to URL\./,
    );
    const forced = await runCli(['trigger', 'task_created', '--force', '--json'], { env });
    expect(JSON.parse(forced.stdout)).toMatchObject({
      deliveries: [{ event_type: 'task_created', status: 500, listen_id: 3 }],
    });
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('two sessions: exit 2 naming them; --session picks one', async () => {
    const { env } = await sharedState();
    const sessions = [
      startCli(['listen', '--event', 'person_updated', '--no-inspect'], env),
      startCli(['listen', '--event', 'person_updated', '--no-inspect'], env),
    ];
    const ids: string[] = [];
    for (const session of sessions)
      ids.push((await session.waitFor(/Ready: \S+\/salesloft-hooks\/([0-9a-f]+) /))[1] as string);
    for (const session of sessions) await session.waitFor(/Callback token:/);
    const both = await runCli(['trigger', 'person_updated'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/2 listen sessions are running \(.*\): pass --session ID/);
    const picked = await runCli(['trigger', 'person_updated', '--session', ids[1] as string], { env });
    expect(picked.code).toBe(0);
    await sessions[1]?.waitFor(/#1 {2}person_updated .* verified/, 'stdout');
    expect(sessions[0]?.stdout).toBe('');
    for (const session of sessions) session.child.kill('SIGINT');
    for (const session of sessions) expect(await session.exited).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { parseJson, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { recordingServer } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';
import { until } from '../support/wait.js';

const READY = /Ready: (http:\/\/127\.0\.0\.1:\d+\/salesloft-hooks\/[0-9a-f]+) \((\d+) subscriptions?\)/;
const TOKEN_LINE = /Callback token: ([0-9a-f]+)/;
const OLD = 'https://a.example/x';
const SWAPPED = '{"links":{"https://a.example/x":"https://b.example/y"}}';

/** A team's link-swapping app: it answers every delivery with `answer` as JSON. */
async function linkApp(answer: string): Promise<{ url: string; bodies: string[] }> {
  const app = await recordingServer(() => 200, {
    body: answer,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
  return {
    url: `${app.url}/links`,
    get bodies() {
      return app.received.map((received) => received.body.toString());
    },
  };
}

function env(emu: Emulator) {
  return {
    SALESLOFT_API_URL: emu.url,
    SALESLOFT_API_KEY: 'ak_test',
    SALESLOFT_HOOKS_STATE_DIR: tempDir('slh-state-'),
  };
}

/** A link_swap delivery as the Link Swapping guide shows it, carrying `links`. */
function linkSwapBody(links: string[]): string {
  return JSON.stringify({
    user: { id: 1, email: 'sam@example.com' },
    team: { id: 2 },
    mailing: { id: 3 },
    email: { id: 4 },
    person: { id: 5, email: 'ada@example.com' },
    links,
  });
}

/** Salesloft's side: a signed link_swap POST to the callback URL, and the answer it gets. */
async function sendLinkSwap(url: string, token: string, links: string[]) {
  const body = linkSwapBody(links);
  const answer = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-salesloft-event': 'link_swap',
      'x-salesloft-signature': hmacHex(body, token),
    },
  });
  return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
}

describe('link_swap, a synchronous hook in the send path of every email', () => {
  it('listen without --event subscribes 35 types: neither link_swap nor the privileged email type, and no warning', async () => {
    const emu = await emulator();
    const cli = startCli(['listen', '--tunnel', 'none', '--no-inspect'], env(emu));
    const [, , count] = await cli.waitFor(READY);
    expect(Number(count)).toBe(35);
    const types = emu.store.list().map((sub) => sub.event_type);
    expect(types).toHaveLength(35);
    expect(types).not.toContain('link_swap');
    expect(types).not.toContain('email_with_body_and_subject_updated');
    expect(cli.stderr).not.toContain('synchronous');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(emu.store.list()).toEqual([]);
  });

  it('subscribe --event all creates 36 (the privileged type, not link_swap); --event link_swap creates it after the warning', async () => {
    const emu = await emulator();
    const all = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/sl', '--event', 'all', '--token', 't0ken', '--json'],
      { env: env(emu) },
    );
    expect(all.code).toBe(0);
    const created = parseJson<{ created: { event_type: string }[] }>(all).created.map(
      (sub) => sub.event_type,
    );
    expect(created).toHaveLength(36);
    expect(created).toContain('email_with_body_and_subject_updated');
    expect(created).not.toContain('link_swap');
    expect(all.stderr).not.toContain('synchronous');

    const hook = await runCli(
      ['subscribe', '--url', 'https://hooks.example.com/links', '--event', 'link_swap', '--token', 't0ken'],
      { env: env(emu) },
    );
    expect(hook.code).toBe(0);
    expect(hook.stderr).toContain(
      "link_swap is a synchronous hook: every email your team sends will wait for this endpoint's answer before it goes out, for as long as the subscription lives.",
    );
    expect(hook.stderr.match(/synchronous hook/g)).toHaveLength(1);
    expect(emu.store.list().filter((sub) => sub.event_type === 'link_swap')).toHaveLength(1);

    const glob = await runCli(['subscribe', '--url', 'https://h.example.com/x', '--event', 'link_*'], {
      env: env(emu),
    });
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain(
      'matches only link_swap, a synchronous hook that only its exact name selects',
    );
    // list only shows, so all reaches the hook; unsubscribe --event all leaves it alone; its name deletes it.
    const listed = await runCli(['list', '--event', 'all', '--json'], { env: env(emu) });
    expect(parseJson<{ event_type: string }[]>(listed).map((sub) => sub.event_type)).toContain('link_swap');
    const cleared = await runCli(['unsubscribe', '--event', 'all', '--yes', '--json'], { env: env(emu) });
    expect(parseJson<{ deleted: unknown[] }>(cleared).deleted).toHaveLength(36);
    expect(emu.store.list().map((sub) => sub.event_type)).toEqual(['link_swap']);
    const named = await runCli(['unsubscribe', '--event', 'link_swap', '--yes'], { env: env(emu) });
    expect(named.code).toBe(0);
    expect(emu.store.list()).toEqual([]);
  });

  it('with --forward-to, the app’s answer reaches Salesloft byte for byte, and its verdict shows in --json and in the emulator', async () => {
    const emu = await emulator();
    const app = await linkApp(SWAPPED);
    const cli = startCli(
      [
        'listen',
        '--tunnel',
        'none',
        '--event',
        'link_swap',
        '--forward-to',
        app.url,
        '--json',
        '--no-inspect',
      ],
      env(emu),
    );
    const [, callbackUrl] = await cli.waitFor(READY);
    const [, token] = await cli.waitFor(TOKEN_LINE);
    expect(cli.stderr.indexOf('synchronous hook')).toBeGreaterThan(-1);
    expect(cli.stderr.indexOf('synchronous hook')).toBeLessThan(cli.stderr.indexOf('Ready:'));

    const direct = await sendLinkSwap(callbackUrl as string, token as string, [
      OLD,
      'https://a.example/keep',
    ]);
    expect(direct).toEqual({ status: 200, type: 'application/json; charset=utf-8', text: SWAPPED });

    emu.fire('link_swap', JSON.parse(linkSwapBody([OLD])));
    await emu.deliveriesSettled();
    expect(emu.deliveries()[0]?.attempts).toEqual([
      expect.objectContaining({
        status: 200,
        link_swap: { valid: true, reason: null, links: { [OLD]: 'https://b.example/y' } },
      }),
    ]);
    await until(() => cli.stdout.trim().split('\n').length >= 2);
    const lines = cli.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) {
      expect(line).toMatchObject({
        event_type: 'link_swap',
        forward: { status: 200 },
        link_swap: { valid: true, reason: null, links: { [OLD]: 'https://b.example/y' } },
      });
    }
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('an answer Salesloft cannot use is still relayed, and its line says why', async () => {
    const emu = await emulator();
    const app = await linkApp('{"links":{"https://not.sent.example/":"javascript:alert(1)"}}');
    const cli = startCli(
      ['listen', '--tunnel', 'none', '--event', 'link_swap', '--forward-to', app.url, '--no-inspect'],
      env(emu),
    );
    const [, callbackUrl] = await cli.waitFor(READY);
    const [, token] = await cli.waitFor(TOKEN_LINE);
    const direct = await sendLinkSwap(callbackUrl as string, token as string, [OLD]);
    expect(direct.text).toBe('{"links":{"https://not.sent.example/":"javascript:alert(1)"}}');
    const [line] = await cli.waitFor(/.*links: INVALID.*\n/, 'stdout');
    expect(line).toContain('links: INVALID: "https://not.sent.example/" is not one of the links sent');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('without --forward-to, Salesloft gets {"links":{}}: the email goes out as written', async () => {
    const emu = await emulator();
    const cli = startCli(['listen', '--tunnel', 'none', '--event', 'link_swap', '--no-inspect'], env(emu));
    const [, callbackUrl] = await cli.waitFor(READY);
    const [, token] = await cli.waitFor(TOKEN_LINE);
    const direct = await sendLinkSwap(callbackUrl as string, token as string, [OLD]);
    expect(direct).toEqual({ status: 200, type: 'application/json', text: '{"links":{}}' });
    const [line] = await cli.waitFor(/.*--> 200.*\n/, 'stdout');
    expect(line).toMatch(/#1 {2}--> 200 \{"links":\{\}\} {2}links: none swapped \(no --forward-to/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('trigger link_swap --to an app prints what the answer would swap, and why one cannot be used, in --json too', async () => {
    const app = await linkApp(SWAPPED);
    const human = await runCli(['trigger', 'link_swap', '--to', app.url, '--token', 't0ken', '--data', '-'], {
      input: linkSwapBody([OLD]),
    });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^#1 link_swap {2}<-- 200 \d+ ms .* {2}links: 1 swapped: https:\/\/a\.example\/x → https:\/\/b\.example\/y$/m,
    );
    const sample = await runCli(['trigger', 'link_swap', '--to', app.url, '--token', 't0ken', '--json']);
    expect(sample.code).toBe(0);
    expect(parseJson(sample)).toEqual({
      deliveries: [
        {
          event_type: 'link_swap',
          status: 200,
          ms: expect.any(Number),
          link_swap: { valid: false, reason: `"${OLD}" is not one of the links sent`, links: {} },
        },
      ],
    });
    const sent = JSON.parse(app.bodies[1] ?? '{}') as { links: unknown };
    expect(sent.links).toEqual([expect.stringMatching(/^https:\/\//), expect.stringMatching(/^https:\/\//)]);
  });
});

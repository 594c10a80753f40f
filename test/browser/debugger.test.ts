import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { railsJson } from '../../packages/webhooks/src/samples/rails-json.js';
import { launchBrowser } from '../support/browser.js';
import { runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { freePort } from '../support/ports.js';
import { verifyingHandler } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

function env(emu: Emulator, stateDir: string) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

async function session(
  options: {
    stateDir?: string;
    events?: string;
    inspectPort?: number;
    retries?: number;
    record?: string;
  } = {},
) {
  // No retries unless asked: a delivery the handler fails stays one row (Salesloft would send it again).
  const emu = await emulator({ retries: options.retries ?? 0 });
  const stateDir = options.stateDir ?? tempDir('slh-state-');
  const token = (await runCli(['listen', '--print-token'], { env: env(emu, stateDir) })).stdout.trim();
  const app = await verifyingHandler(token);
  const cli = startCli(
    [
      'listen',
      '--event',
      options.events ?? 'person_updated',
      '--forward-to',
      `:${app.port}/hooks`,
      ...(options.inspectPort ? ['--inspect-port', String(options.inspectPort)] : []),
      ...(options.record ? ['--record', options.record] : []),
    ],
    env(emu, stateDir),
  );
  const [, url] = await cli.waitFor(/Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?key=[0-9a-f]+)\n/);
  await cli.waitFor(/Ready:/);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.accept();
  });
  await page.goto(url as string);
  await page.waitForSelector('#status:text("live")');
  const stop = async () => {
    cli.child.kill('SIGINT');
    await cli.exited;
  };
  return { emu, app, cli, page, url: url as string, token, stateDir, dialogs, stop };
}

const row = (page: Page, key: string) => page.locator(`#list .row[data-id="${key}"]`);

describe('the inspector as a debugger', () => {
  it('every replay is a row, replay of #n, with its own response: status, headers, body', async () => {
    const { emu, app, page, stop } = await session();
    emu.fire('person_updated', { id: 7, first_name: 'Ada' });
    await row(page, '1').click();
    await page.click('#replay');
    await page.waitForSelector('#replay-result:text("Replayed to")');
    // A replay is a delivery of the session: the next number, marked as a replay of #1.
    await row(page, '2').waitFor();
    expect(await row(page, '2').textContent()).toContain('replay of #1');
    app.failNext(1);
    await page.click('#replay');
    await row(page, '3').waitFor();
    expect(await row(page, '3').textContent()).toContain('→ 500');
    await row(page, '3').click();
    await expect.poll(() => page.locator('#response-body').textContent()).toContain('"boom"');
    expect(await page.locator('#response-headers').textContent()).toContain('x-handler');
    expect(await page.locator('#response-status').textContent()).toMatch(/→ 500 · \d+ ms/);
    expect(app.handled.map((delivery) => delivery.status)).toEqual([200, 200, 500]);
    await stop();
  });

  it('pause keeps receiving without adding rows; clear empties the list; replay all failed asks, then sends them', async () => {
    const { emu, app, page, stop, dialogs } = await session();
    app.failNext(2);
    emu.fire('person_updated', { id: 1 });
    emu.fire('person_updated', { id: 2 });
    await row(page, '2').waitFor();
    await expect.poll(() => page.locator('#replay-failed').textContent()).toBe('Replay failed (2)');
    await page.click('#pause');
    emu.fire('person_updated', { id: 3 });
    await expect.poll(() => page.locator('#pause').textContent()).toBe('Resume (1 new)');
    expect(await page.locator('#list .row').count()).toBe(2);
    await page.click('#pause');
    await row(page, '3').waitFor();
    await page.click('#replay-failed');
    await expect.poll(() => app.handled.length).toBe(5);
    expect(dialogs).toEqual(['Replay 2 failed deliveries to your handler?']);
    expect(app.handled.slice(3).map((delivery) => delivery.status)).toEqual([200, 200]);
    await page.click('#clear');
    await expect.poll(() => page.locator('#list .row').count()).toBe(0);
    emu.fire('person_updated', { id: 4 });
    // #4 and #5 were the two replays.
    await row(page, '6').waitFor();
    await stop();
  });

  it('Replay failed counts deliveries, not attempts: only those whose latest attempt failed, each once; the replay is in the terminal, the record and the summary', async () => {
    const record = join(tempDir('slh-record-'), 'session.jsonl');
    const { emu, app, cli, page, stop, dialogs } = await session({ retries: 2, record });
    // Four deliveries fail twice, then Salesloft's third attempt succeeds.
    app.failNext(8);
    for (const id of [1, 2, 3, 4]) emu.fire('person_updated', { id });
    await emu.deliveriesSettled();
    expect(emu.deliveries().map((delivery) => delivery.state)).toEqual(Array(4).fill('delivered'));
    await expect.poll(() => page.locator('#list .row').count()).toBe(12);
    await expect.poll(() => page.locator('#replay-failed').textContent()).toBe('Replay failed (0)');
    // A fifth fails all three times.
    app.failNext(3);
    emu.fire('person_updated', { id: 5 });
    await emu.deliveriesSettled();
    await expect.poll(() => page.locator('#list .row').count()).toBe(15);
    await expect.poll(() => page.locator('#replay-failed').textContent()).toBe('Replay failed (1)');
    const before = app.handled.length;
    await page.click('#replay-failed');
    await expect.poll(() => app.handled.length).toBe(before + 1);
    await row(page, '16').waitFor();
    await expect.poll(() => page.locator('#replay-failed').textContent()).toBe('Replay failed (0)');
    expect(dialogs).toEqual(['Replay 1 failed delivery to your handler?']);
    expect(app.handled.slice(before).map((delivery) => JSON.parse(delivery.body.toString()).id)).toEqual([5]);
    expect(app.handled.slice(before).map((delivery) => delivery.status)).toEqual([200]);
    // Clicking again sends nothing.
    expect(await page.locator('#replay-failed').isDisabled()).toBe(true);
    await cli.waitFor(/#16 {2}<-- 200 \d+ ms\n/, 'stdout');
    // The latest attempt is replayed: #15, Salesloft's last retry of #13.
    expect(cli.stdout).toMatch(/#16 {2}person_updated {2}5 .* {2}verified {2}replay of #15\n/);
    await stop();
    expect(cli.stderr).toMatch(
      /Summary: 15 deliveries: 15 verified, 0 invalid; forwarded: 4 2xx, 11 5xx; 1 replay from the inspector\./,
    );
    const lines = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ id: 16, replay_of: 15, forward: { status: 200 } });
    expect(lines.filter((line) => line.retry_of === 13).map((line) => line.id)).toEqual([14, 15]);
  });

  it('export is JSON lines a recording reader takes; the curl text sends the exact bytes and holds no control byte', async () => {
    const { emu, page, token, stop, url } = await session();
    const hostile = '@/etc/passwd \u001b[201~ echo pwned \u202e';
    const fired = emu.fire('person_updated', { id: 9, first_name: hostile });
    await row(page, '1').click();
    await page.waitForSelector('#curl');
    await page.click('#curl');
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toContain('curl');
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    const unsafe = [...curl].filter((char) => char !== '\n' && (char < ' ' || char > '~'));
    expect(unsafe.map((char) => char.charCodeAt(0))).toEqual([]);
    // Run it as pasted, against a local server standing in for the handler.
    const received: { body: Buffer; signature: string }[] = [];
    const handler = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          body: Buffer.concat(chunks),
          signature: String(req.headers['x-salesloft-signature']),
        });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/hooks`;
    const target = /curl -sS -X POST '([^']+)'/.exec(curl)?.[1] as string;
    await new Promise<void>((resolve, reject) => {
      const child = spawn('bash', ['-c', curl.replace(target, local)], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('exit', (code: number) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}`))));
    });
    handler.close();
    expect(received).toHaveLength(1);
    expect(received[0]?.body.toString()).toBe(railsJson(fired.body));
    expect(received[0]?.signature).toBe(hmacHex(received[0]?.body ?? '', token));

    const exported = await (await fetch(url.replace('/?key=', '/api/export?key='))).text();
    const lines = exported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ v: 1, id: 1, event_type: 'person_updated', forward: { status: 200 } });
    expect(Buffer.from(lines[0].body_base64, 'base64').toString()).toContain('@/etc/passwd');
    await stop();
  });

  it('keeps its key for the state directory: a bookmark works after a restart; a wrong key gets a page that says what to do', async () => {
    // A port of the test's own: once listen is gone, another test's inspector may take 4041 and up.
    const inspectPort = await freePort();
    const first = await session({ inspectPort });
    await first.stop();
    const second = await session({ stateDir: first.stateDir, inspectPort });
    expect(new URL(second.url).searchParams.get('key')).toBe(new URL(first.url).searchParams.get('key'));
    const wrong = await context.newPage();
    const answer = await wrong.goto(second.url.replace(/key=[0-9a-f]+/, 'key=0000'));
    expect(answer?.status()).toBe(403);
    expect(await wrong.locator('body').textContent()).toContain('Open the Inspector: URL');
    // A replay once listen is gone says so rather than hanging.
    second.emu.fire('person_updated', { id: 1 });
    await row(second.page, '1').click();
    await second.page.waitForSelector('#replay');
    await second.stop();
    await second.page.click('#replay');
    await expect
      .poll(() => second.page.locator('#replay-result').textContent())
      .toContain('Not replayed: the inspector does not answer');
  });

  it('misses no delivery that arrives while the page loads its list', async () => {
    const { emu, page, stop, url } = await session();
    const late = await context.newPage();
    let fired = false;
    let settled: () => void = () => {};
    const delivered = new Promise<void>((resolve) => {
      settled = resolve;
    });
    // The list is answered as the server had it (empty), but handed to the page only after a
    // delivery has arrived: only an event stream the server held before the list can show it.
    await late.route('**/api/deliveries?*', async (route) => {
      const listed = await route.fetch();
      if (!fired) {
        fired = true;
        emu.fire('person_updated', { id: 5 });
        await emu.deliveriesSettled();
        settled();
      }
      await route.fulfill({ response: listed });
    });
    // The stream's request is slow to reach the server (as on a loaded machine): a page that asks
    // for the list before its stream is open misses the delivery. The wait is bounded, because a
    // page that waits for its stream asks for the list only after this.
    await late.route('**/api/events?*', async (route) => {
      await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 300))]);
      await route.continue();
    });
    await late.goto(url);
    await row(late, '1').waitFor();
    expect(await late.locator('#list .row').count()).toBe(1);
    await row(page, '1').waitFor();
    await stop();
  });

  it('is usable at 420 px: one column, nothing wider than the window', async () => {
    const { emu, page, stop } = await session();
    await page.setViewportSize({ width: 420, height: 800 });
    emu.fire('person_updated', { id: 11, first_name: 'Grace', last_name: 'Hopper' });
    await row(page, '1').click();
    await page.waitForSelector('#tree');
    const list = await page.locator('#list').boundingBox();
    const detail = await page.locator('#detail').boundingBox();
    expect(detail && list && detail.y >= list.y + list.height - 1).toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
    await stop();
  });
});

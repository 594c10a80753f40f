import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../packages/webhooks/src/emulator/emulator.js';
import { launchBrowser } from '../support/browser.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { emulator } from '../support/emulator.js';
import { hmacHex } from '../support/hmac.js';
import { verifyingHandler } from '../support/receiver.js';
import { startCli } from '../support/spawn.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

function env(emu: Emulator, stateDir: string) {
  return { SALESLOFT_API_URL: emu.url, SALESLOFT_API_KEY: 'ak_test', SALESLOFT_HOOKS_STATE_DIR: stateDir };
}

/** listen against the emulator, forwarding to a handler that verifies with listen's token; the page open. */
async function session(events = 'person_updated,task_created') {
  const emu = await emulator();
  const stateDir = tempDir('slh-state-');
  const token = (await runCli(['listen', '--print-token'], { env: env(emu, stateDir) })).stdout.trim();
  const app = await verifyingHandler(token);
  const cli = startCli(
    ['listen', '--event', events, '--forward-to', `:${app.port}/hooks`],
    env(emu, stateDir),
  );
  const [, url] = await cli.waitFor(/Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?key=[0-9a-f]+)\n/);
  await cli.waitFor(/Ready:/);
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url as string);
  await page.waitForSelector('#status:text("live")');
  return { emu, app, cli, page, url: url as string, dialogs, token };
}

const rows = (page: Page) => page.locator('#list .row');

describe('the inspector page in a real browser', () => {
  it('shows a link_swap answer’s verdict on its row and in its detail', async () => {
    const { emu, page, cli } = await session('link_swap');
    emu.fire('link_swap');
    // The test app answers "ok": not an answer Salesloft can use.
    await page.waitForSelector('#list .row[data-id="1"] .tags :text("links: INVALID")');
    expect(await rows(page).first().textContent()).toContain('links: INVALID: the answer is not JSON');
    await rows(page).first().click();
    await page.waitForSelector('#link-swap');
    expect(await page.locator('#detail').textContent()).toContain('Link swap');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('shows deliveries as they arrive, filters them, and shows a delivery’s JSON tree', async () => {
    const { emu, page, cli } = await session();
    emu.fire('person_updated', { id: 4711, first_name: 'Ada', last_name: 'Lovelace', account: { id: 42 } });
    await page.waitForSelector('#list .row[data-id="1"]');
    emu.fire('task_created');
    await page.waitForSelector('#list .row[data-id="2"]');
    expect(await rows(page).allTextContents()).toEqual([
      expect.stringContaining('task_created'),
      expect.stringContaining('person_updated'),
    ]);
    await page.fill('#filter', 'task_*');
    expect(await rows(page).count()).toBe(1);
    await page.fill('#filter', 'Lovelace');
    expect(await rows(page).allTextContents()).toEqual([expect.stringContaining('person_updated')]);
    await page.fill('#filter', 'is:invalid');
    expect(await rows(page).count()).toBe(0);
    await page.fill('#filter', '');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.waitForSelector('#list .row.selected[data-id="1"]');
    const tree = page.locator('#tree');
    await expect.poll(() => tree.textContent()).toContain('first_name: "Ada"');
    expect(await page.locator('#detail').textContent()).toContain('scope people:read');
    expect(await page.locator('#detail').textContent()).toContain('→ 200');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('Replay and Edit and replay reach the forward target with a valid signature', async () => {
    const { emu, app, page, cli, token } = await session('note_created');
    emu.fire('note_created', { id: 1, content: 'first' });
    await page.click('#list .row[data-id="1"]');
    await page.click('#replay');
    await page.waitForSelector('#replay-result:text("Replayed to")');
    expect(await page.textContent('#replay-result')).toMatch(
      /Replayed to http:\/\/localhost:\d+\/hooks: 200/,
    );
    await page.click('#edit');
    await page.fill('#editor textarea', '{"id": 1, "content": "edited in the inspector"}');
    await page.click('#send-edited');
    await expect.poll(() => app.handled.length).toBe(3);
    const [original, replayed, edited] = app.handled;
    expect(replayed?.body.equals(original?.body ?? Buffer.alloc(0))).toBe(true);
    expect(replayed?.headers['x-salesloft-hooks-replay-of']).toBe('1');
    expect(edited?.body.toString()).toBe('{"id": 1, "content": "edited in the inspector"}');
    expect(edited?.headers['x-salesloft-signature']).toBe(hmacHex(edited?.body ?? '', token));
    expect(app.handled.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    cli.child.kill('SIGINT');
    await cli.exited;
  });

  it('hostile payload text stays text: no script runs, no dialog opens', async () => {
    const { emu, page, cli, dialogs } = await session('person_updated');
    const hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
    emu.fire('person_updated', { id: '<b>9</b>', first_name: hostile, last_name: '"><svg onload=alert(3)>' });
    await page.click('#list .row[data-id="1"]');
    await expect.poll(() => page.locator('#tree').textContent()).toContain(hostile);
    expect(await page.locator('#list').textContent()).toContain('<b>9</b>');
    expect(await page.locator('img, svg, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    cli.child.kill('SIGINT');
    await cli.exited;
  });

  it('refuses a request without the key, another Host, and a replay from another page', async () => {
    const { emu, app, page, cli, url } = await session('note_created');
    emu.fire('note_created');
    await page.waitForSelector('#list .row[data-id="1"]');
    const bare = await page.goto(url.replace(/\?key=.*/, ''));
    expect(bare?.status()).toBe(403);
    const { port } = new URL(url);
    // DNS rebinding: the right address under another name.
    const rebound = await new Promise<number | undefined>((resolve) => {
      request(url, { headers: { host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).end();
    });
    expect(rebound).toBe(403);

    // Another web page the developer visits tries to trigger a replay, key and all.
    const replayUrl = url.replace('/?key=', '/api/deliveries/1/replay?key=');
    const evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<script>fetch(${JSON.stringify(replayUrl)}, {method: 'POST', mode: 'no-cors', body: '{}'}).then(() => document.title = 'sent', () => document.title = 'blocked')</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const attacker = await browser.newPage();
    await attacker.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await expect.poll(() => attacker.title()).not.toBe('');
    evil.close();
    const foreign = await fetch(replayUrl, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(app.handled).toHaveLength(1);
    cli.child.kill('SIGINT');
    await cli.exited;
  });

  it('serves a recording with inspect --from', async () => {
    const emu = await emulator();
    const stateDir = tempDir('slh-state-');
    const record = join(tempDir(), 'deliveries.jsonl');
    const listen = startCli(
      ['listen', '--event', 'person_*', '--max-deliveries', '2', '--record', record, '--no-inspect'],
      env(emu, stateDir),
    );
    await listen.waitFor(/Ready:/);
    emu.fire('person_created');
    emu.fire('person_deleted');
    expect(await listen.exited).toBe(0);
    const inspect = startCli(['inspect', '--from', record], env(emu, stateDir));
    const [, url] = await inspect.waitFor(/Inspector: (\S+)\n/);
    const page = await browser.newPage();
    await page.goto(url as string);
    await page.waitForSelector('#list .row[data-id="2"]');
    expect(await rows(page).count()).toBe(2);
    await page.click('#list .row[data-id="1"]');
    await expect.poll(() => page.locator('#detail h2').textContent()).toContain('person_created');
    inspect.child.kill('SIGINT');
  });

  it('takes the README screenshot from the emulator’s samples', async () => {
    const { emu, page, cli } = await session(
      'person_updated,task_completed,cadence_membership_created,email_updated',
    );
    await page.setViewportSize({ width: 1280, height: 760 });
    for (const type of [
      'cadence_membership_created',
      'email_updated',
      'task_completed',
      'person_updated',
    ] as const) {
      emu.fire(type);
      await page.waitForSelector(`#list .row:has-text("${type}")`);
    }
    await page.click('#list .row[data-id="4"]');
    await page.waitForSelector('#tree');
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // docs/inspector.png is committed: rewritten when missing or asked for (npm run screenshots).
    const file = join(ROOT, 'docs', 'inspector.png');
    if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(file)) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(file, png);
    }
    cli.child.kill('SIGINT');
    await cli.exited;
  });
});

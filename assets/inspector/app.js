// The inspector page. Delivery data is outsiders' data: it is only ever inserted as text
// (textContent, never innerHTML), and the page's CSP runs no inline script. The list holds small
// rows; a delivery's body and response are fetched when it is opened, and parsed once.
const key = new URLSearchParams(location.search).get('key') ?? '';
const withKey = (path) => `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;

const state = {
  rows: new Map(), // key -> row
  order: [], // keys, newest first
  elements: new Map(), // key -> list element
  selected: null,
  detail: null, // { row, detail, parsed, response }
  filter: '',
  paused: false,
  unseen: 0,
};
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const label = (row) => (row.id !== null ? `#${row.id}` : `replay ${row.key.slice(1)}`);
const failed = (row) => row.forward !== null && (row.forward.status === null || row.forward.status >= 400);

// Filter: words like `person_*` (event type glob), `is:invalid`, `is:verified`, `is:failed`,
// `is:replay`, `type:GLOB`, or text found in the type, the resource id or the summary.
function matcher(text) {
  const tests = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      if (lower === 'is:invalid') return (r) => !r.signature.valid;
      if (lower === 'is:verified' || lower === 'is:valid') return (r) => r.signature.valid;
      if (lower === 'is:failed') return failed;
      if (lower === 'is:replay') return (r) => r.replay_of !== null;
      const glob = lower.startsWith('type:') ? lower.slice(5) : lower.includes('*') ? lower : null;
      if (glob !== null) {
        const pattern = new RegExp(
          `^${glob
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        );
        return (r) => pattern.test(r.event_type ?? '');
      }
      return (r) =>
        `${r.event_type ?? ''} ${r.resource_id ?? ''} ${r.summary} ${r.path}`.toLowerCase().includes(lower);
    });
  return (row) => tests.every((test) => test(row));
}
let matches = matcher('');

function verdict(row) {
  return row.signature.valid
    ? el('span', { class: 'ok', text: 'verified' })
    : el('span', { class: 'bad', text: `INVALID: ${row.signature.reason}` });
}

function forwardTag(forward) {
  if (!forward) return null;
  if (forward.status === null) return el('span', { class: 'bad', text: `no answer: ${forward.error ?? ''}` });
  const kind = forward.status < 300 ? 'ok' : forward.status < 500 ? 'warn' : 'bad';
  return el('span', { class: kind, text: `→ ${forward.status} · ${forward.ms} ms` });
}

/** link_swap: what Salesloft would make of the answer (the links it swaps, or why it cannot). */
function linkSwapTag(verdict) {
  if (!verdict) return null;
  if (!verdict.valid) return el('span', { class: 'bad', text: `links: INVALID: ${verdict.reason ?? ''}` });
  const swapped = Object.keys(verdict.links).length;
  return el('span', {
    class: 'ok',
    text: swapped === 0 ? 'links: none swapped' : `links: ${swapped} swapped`,
  });
}

function rowElement(row) {
  return el(
    'div',
    {
      class: `row${row.key === state.selected ? ' selected' : ''}${row.replay_of !== null ? ' replay' : ''}`,
      'data-id': row.key,
      onclick: () => select(row.key),
    },
    el('span', { class: 'time', text: row.received_at.slice(11, 19) }),
    el('span', { class: 'id', text: label(row) }),
    el('span', { class: 'type', text: row.event_type ?? '(no x-salesloft-event)' }),
    el(
      'span',
      { class: 'tags' },
      verdict(row),
      forwardTag(row.forward),
      linkSwapTag(row.link_swap),
      row.retry_of ? el('span', { class: 'warn', text: `retry of #${row.retry_of}` }) : null,
      row.replay_of ? el('span', { class: 'muted', text: `replay of #${row.replay_of}` }) : null,
    ),
    el('span', { class: 'summary', text: `${row.resource_id ?? '-'}  ${row.summary}` }),
  );
}

function emptyNote() {
  return el('p', {
    class: 'empty',
    text:
      state.order.length === 0
        ? 'No deliveries yet. They appear here as they arrive.'
        : 'Nothing matches the filter.',
  });
}

/** The whole list, from the rows: only when the filter changes, the page loads, or pause ends. */
function renderList() {
  state.elements.clear();
  const nodes = [];
  for (const rowKey of state.order) {
    const row = state.rows.get(rowKey);
    if (!row || !matches(row)) continue;
    const node = rowElement(row);
    state.elements.set(rowKey, node);
    nodes.push(node);
  }
  $('list').replaceChildren(...(nodes.length > 0 ? nodes : [emptyNote()]));
  state.unseen = 0;
  updateCounts();
}

/** One new or changed row: one element inserted or replaced. */
function showRow(row, isNew) {
  const existing = state.elements.get(row.key);
  if (existing) {
    const node = rowElement(row);
    existing.replaceWith(node);
    state.elements.set(row.key, node);
    return;
  }
  if (!isNew || !matches(row)) return;
  if (state.paused) {
    state.unseen += 1;
    updateCounts();
    return;
  }
  const node = rowElement(row);
  state.elements.set(row.key, node);
  const list = $('list');
  list.querySelector('.empty')?.remove();
  list.prepend(node);
}

function updateCounts() {
  $('pause').textContent = state.paused
    ? `Resume${state.unseen > 0 ? ` (${state.unseen} new)` : ''}`
    : 'Pause';
  const failures = failedDeliveries().length;
  $('replay-failed').textContent = `Replay failed (${failures})`;
  $('replay-failed').disabled = failures === 0;
}

/** The delivery a row is an attempt of: the one Salesloft retried or the page replayed, else itself. */
function deliveryOf(row) {
  let current = row;
  for (let hops = 0; hops < 16; hops += 1) {
    const earlier = current.replay_of ?? current.retry_of;
    if (earlier === null || earlier === undefined) break;
    const known = state.rows.get(String(earlier));
    if (!known) return String(earlier);
    current = known;
  }
  return current.id !== null ? String(current.id) : current.key;
}

/** Arrival order: the time, then the number in the key (deliveries before page replays at a tie). */
const arrival = (a, b) =>
  a.received_at.localeCompare(b.received_at) ||
  (a.key.startsWith('r') ? 1 : 0) - (b.key.startsWith('r') ? 1 : 0) ||
  Number(a.key.replace('r', '')) - Number(b.key.replace('r', ''));

// Deliveries being replayed by "Replay failed", with the key of the replay once it is known: they
// do not count as failed until that replay's row says how it went.
const replaying = new Map(); // delivery -> replay row key, or null while sending

/**
 * Each delivery whose latest attempt (Salesloft's first, its retries, the replays) failed, with
 * that attempt: what "Replay failed" sends, once each.
 */
function failedDeliveries() {
  const latest = new Map();
  for (const row of [...state.rows.values()].sort(arrival)) latest.set(deliveryOf(row), row);
  return [...latest]
    .filter(([delivery, row]) => {
      if (replaying.has(delivery)) {
        const replayKey = replaying.get(delivery);
        if (replayKey === null || !state.rows.has(replayKey)) return false;
        replaying.delete(delivery);
      }
      return failed(row);
    })
    .map(([delivery, row]) => ({ delivery, row }));
}

/** Keeps the newer of two copies of a row (the list and the stream can overlap). */
function merge(row) {
  const known = state.rows.get(row.key);
  if (known && known.version >= row.version) return;
  state.rows.set(row.key, row);
  if (!known) state.order.unshift(row.key);
  showRow(row, !known);
  if (row.key === state.selected) openDetail(row.key, false);
  if (!known || failed(row) !== failed(known)) updateCounts();
}

let toastTimer;
function toast(text) {
  const node = $('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, 1800);
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast(`Copied ${what}`);
}

// A collapsible JSON tree: click a key to copy its path (account.id), a value to copy the value.
function tree(value, path = '', name = null, depth = 0) {
  const keyLabel =
    name === null
      ? null
      : el('span', {
          class: 'k',
          text: `${name}: `,
          title: `copy ${path}`,
          onclick: (event) => {
            event.preventDefault();
            copy(path, path);
          },
        });
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    const size = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    const details = el(
      'details',
      depth < 6 ? { open: '' } : {},
      el('summary', {}, keyLabel, el('span', { class: 'size', text: size })),
    );
    for (const [childName, child] of entries) {
      const childPath = Array.isArray(value)
        ? `${path}[${childName}]`
        : path
          ? `${path}.${childName}`
          : String(childName);
      details.append(tree(child, childPath, String(childName), depth + 1));
    }
    return details;
  }
  const type = value === null ? 'null' : typeof value;
  const text = type === 'string' ? JSON.stringify(value) : String(value);
  return el(
    'div',
    { class: 'leaf' },
    keyLabel,
    el('span', {
      class: `v ${type}`,
      text,
      title: 'copy value',
      onclick: () => copy(type === 'string' ? value : text, 'value'),
    }),
  );
}

function decodeBase64(text) {
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function encodeBase64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function parseJson(text) {
  // A shape nested deeper than a page can show is shown as text.
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  if (deepest > 64) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function bodyView(text, id) {
  const parsed = parseJson(text);
  return parsed.ok ? el('div', { class: 'tree', id }, tree(parsed.value)) : el('pre', { id, text });
}

/** POST a replay; returns the answer, or a failure saying the inspector is gone. */
async function requestReplay(row, bodyText, allowInvalid) {
  try {
    const response = await fetch(withKey(`/api/deliveries/${row.key}/replay`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...(bodyText === undefined ? {} : { body_base64: encodeBase64(bodyText) }),
        allow_invalid: allowInvalid,
      }),
    });
    return await response.json();
  } catch {
    return { ok: false, error: 'the inspector does not answer (has listen stopped?)' };
  }
}

function confirmInvalid(row, what) {
  if (row.signature.valid) return true;
  return window.confirm(
    `${label(row)} arrived with an INVALID signature (${row.signature.reason}). ${what} signs it as valid. Go on?`,
  );
}

async function replay(row, bodyText, note) {
  if (!confirmInvalid(row, 'Replaying')) return;
  note.textContent = 'Replaying…';
  note.className = 'muted';
  const answer = await requestReplay(row, bodyText, !row.signature.valid);
  if (answer.ok) {
    note.textContent = `Replayed to ${answer.target}: ${answer.status} in ${answer.ms} ms`;
    note.className = answer.status < 300 ? 'ok' : 'warn';
    if (answer.key && answer.key !== row.key) {
      note.append(
        ' ',
        el('button', {
          class: 'link',
          id: 'open-replay',
          text: 'Open the replay',
          onclick: () => select(answer.key),
        }),
      );
    }
  } else {
    note.textContent = `Not replayed: ${answer.error}`;
    note.className = 'bad';
  }
}

async function replayFailed() {
  const failures = failedDeliveries();
  if (failures.length === 0) return;
  if (
    !window.confirm(
      `Replay ${failures.length} failed ${failures.length === 1 ? 'delivery' : 'deliveries'} to your handler?`,
    )
  )
    return;
  for (const { delivery } of failures) replaying.set(delivery, null);
  updateCounts();
  let sent = 0;
  for (const { delivery, row } of failures) {
    const answer = await requestReplay(row, undefined, false);
    if (answer.ok) sent += 1;
    if (answer.key && answer.key !== row.key) replaying.set(delivery, answer.key);
    else replaying.delete(delivery);
    updateCounts();
  }
  toast(`Replayed ${sent} of ${failures.length}`);
}

async function copyCurl(row) {
  if (!confirmInvalid(row, 'The copied command')) return;
  try {
    const response = await fetch(
      withKey(`/api/deliveries/${row.key}/curl${row.signature.valid ? '' : '?allow_invalid=1'}`),
    );
    if (!response.ok) {
      toast(`No curl command: ${(await response.json()).error}`);
      return;
    }
    await copy(await response.text(), 'curl command');
  } catch {
    toast('The inspector does not answer (has listen stopped?)');
  }
}

function headerTable(headers, id) {
  return el(
    'table',
    { id },
    ...Object.entries(headers).map(([name, value]) =>
      el('tr', {}, el('td', { text: name }), el('td', { text: value })),
    ),
  );
}

function renderDetail() {
  const detail = $('detail');
  const open = state.detail;
  if (!open) {
    detail.replaceChildren(el('p', { class: 'empty', text: 'Select a delivery (j/k or arrows).' }));
    return;
  }
  const { row, data } = open;
  const bodyText = data.body_kept === 'full' ? decodeBase64(data.body_base64) : null;
  const note = el('p', { id: 'replay-result', class: 'muted' });
  const editor = el('div', { id: 'editor', hidden: '' });
  const area = el('textarea', { 'aria-label': 'Edited body' });
  area.value = bodyText ?? '';
  editor.append(
    area,
    el(
      'div',
      { class: 'actions' },
      el('button', {
        id: 'send-edited',
        text: 'Send edited body',
        onclick: () => replay(row, area.value, note),
      }),
      el('button', {
        id: 'pretty',
        text: 'Pretty',
        onclick: () => {
          const parsed = parseJson(area.value);
          if (parsed.ok) area.value = JSON.stringify(parsed.value, null, 2);
        },
      }),
      el('button', { id: 'exact', text: 'Exact bytes', onclick: () => (area.value = bodyText ?? '') }),
    ),
  );

  const signature = el('p', {}, verdict(row));
  if (row.signature.hint) signature.append(el('span', { class: 'muted', text: ` — ${row.signature.hint}` }));
  const responseSection = [];
  if (row.forward) {
    responseSection.push(
      el('h3', { text: row.replay_of !== null ? 'Response' : 'Forward' }),
      el(
        'p',
        { id: 'response-status' },
        forwardTag(row.forward),
        row.target ? el('span', { class: 'muted', text: `  ${row.target}` }) : null,
      ),
    );
    if (data.response) {
      responseSection.push(
        el('h4', { text: 'Response headers' }),
        headerTable(data.response.headers, 'response-headers'),
        el('h4', { text: `Response body${data.response.truncated ? ' (first 64 KiB)' : ''}` }),
        bodyView(data.response.body_text, 'response-body'),
      );
    }
  } else {
    responseSection.push(el('h3', { text: 'Forward' }), el('p', { class: 'muted', text: 'Not forwarded.' }));
  }
  if (row.link_swap) {
    const swaps = Object.entries(row.link_swap.links);
    responseSection.push(
      el('h3', { text: 'Link swap' }),
      el('p', { id: 'link-swap' }, linkSwapTag(row.link_swap)),
      ...(swaps.length > 0
        ? [
            el(
              'ul',
              { id: 'link-swaps' },
              ...swaps.map(([from, to]) => el('li', { text: `${from} → ${to}` })),
            ),
          ]
        : []),
    );
  }
  const catalog = data.catalog
    ? el('p', {
        text: `${data.catalog.description} Resource ${data.catalog.resource}, action ${data.catalog.action}, scope ${data.catalog.scopes.join(', ') || 'none'}.`,
      })
    : el('p', { class: 'warn', text: 'Not in the catalog of 37 documented event types.' });
  const canSend = data.body_kept === 'full';

  detail.replaceChildren(
    el('h2', { text: `${row.event_type ?? '(no x-salesloft-event)'}  ${label(row)}` }),
    el('p', { class: 'muted', text: `${row.received_at}  ${row.path}  ${row.size} bytes` }),
    el(
      'div',
      { class: 'actions' },
      canSend
        ? el('button', { id: 'replay', text: 'Replay', onclick: () => replay(row, undefined, note) })
        : null,
      canSend
        ? el('button', {
            id: 'edit',
            text: 'Edit and replay',
            onclick: () => editor.toggleAttribute('hidden'),
          })
        : null,
      canSend ? el('button', { id: 'curl', text: 'Copy as curl', onclick: () => copyCurl(row) }) : null,
      el('a', {
        class: 'button',
        id: 'download',
        href: withKey(`/api/deliveries/${row.key}/download`),
        download: `delivery-${row.key}.json`,
        text: 'Download JSON',
      }),
    ),
    note,
    editor,
    el('h3', { text: 'Signature' }),
    signature,
    ...responseSection,
    el('h3', { text: 'Event type' }),
    catalog,
    el('h3', { text: 'Headers' }),
    headerTable(data.headers, 'headers'),
    el(
      'h3',
      {},
      document.createTextNode('Body '),
      bodyText !== null
        ? el('button', { id: 'copy-body', text: 'Copy body', onclick: () => copy(bodyText, 'body') })
        : null,
    ),
    bodyText === null
      ? el('p', {
          class: 'warn',
          text: `Only the first bytes of this ${row.size}-byte body were kept (SHA-256 ${data.body_sha256}).`,
        })
      : bodyView(bodyText, 'tree'),
  );
}

async function openDetail(rowKey, scroll) {
  const row = state.rows.get(rowKey);
  if (!row) return;
  try {
    const response = await fetch(withKey(`/api/deliveries/${rowKey}`));
    if (!response.ok) {
      state.detail = null;
      $('detail').replaceChildren(el('p', { class: 'empty', text: (await response.json()).error }));
      return;
    }
    state.detail = { row, data: await response.json() };
  } catch {
    $('detail').replaceChildren(
      el('p', { class: 'bad', text: 'The inspector does not answer (has listen stopped?).' }),
    );
    return;
  }
  if (state.selected === rowKey) renderDetail();
  if (scroll) document.querySelector('.row.selected')?.scrollIntoView({ block: 'nearest' });
}

function select(rowKey) {
  const previous = state.elements.get(state.selected);
  previous?.classList.remove('selected');
  state.selected = rowKey;
  state.elements.get(rowKey)?.classList.add('selected');
  openDetail(rowKey, true);
}

function move(step) {
  const keys = state.order.filter((rowKey) => state.elements.has(rowKey));
  if (keys.length === 0) return;
  const at = keys.indexOf(state.selected);
  const next = at === -1 ? 0 : Math.min(keys.length - 1, Math.max(0, at + step));
  select(keys[next]);
}

document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  if (event.key === 'j' || event.key === 'ArrowDown') move(1);
  else if (event.key === 'k' || event.key === 'ArrowUp') move(-1);
  else if (event.key === '/') {
    event.preventDefault();
    $('filter').focus();
  } else return;
  event.preventDefault();
});

$('filter').addEventListener('input', (event) => {
  state.filter = event.target.value;
  matches = matcher(state.filter);
  renderList();
});
$('pause').addEventListener('click', () => {
  state.paused = !state.paused;
  if (!state.paused) renderList();
  else updateCounts();
});
$('clear').addEventListener('click', async () => {
  try {
    await fetch(withKey('/api/deliveries'), { method: 'DELETE' });
  } catch {
    toast('The inspector does not answer (has listen stopped?)');
  }
});
$('replay-failed').addEventListener('click', () => replayFailed());
$('export').setAttribute('href', withKey('/api/export'));

function reset(rows) {
  state.rows = new Map(rows.map((row) => [row.key, row]));
  state.order = rows.map((row) => row.key);
  if (state.selected && !state.rows.has(state.selected)) {
    state.selected = null;
    state.detail = null;
    renderDetail();
  }
  renderList();
}

async function load() {
  const answer = await (await fetch(withKey('/api/deliveries'))).json();
  return answer.rows;
}

// The stream opens first and its events wait for the list, so that nothing that arrives in
// between is missed (the list is asked for once the server holds the stream: its first bytes
// came); the browser resumes after a reconnect from the last event id it saw.
let loaded = false;
const pending = [];
const events = new EventSource(withKey('/api/events'));
const onEvent = (handle) => (event) => (loaded ? handle(event) : pending.push(() => handle(event)));
events.addEventListener(
  'row',
  onEvent((event) => merge(JSON.parse(event.data))),
);
events.addEventListener(
  'clear',
  onEvent(() => reset([])),
);
events.addEventListener(
  'reload',
  onEvent(async () => reset(await load())),
);
// A burst faster than a page can show: the server sent the newest rows and says how many more.
let skipped = 0;
events.addEventListener(
  'skipped',
  onEvent((event) => {
    skipped += JSON.parse(event.data).count;
    $('more').hidden = false;
    $('more').textContent = `${skipped} more arrived too fast to show: reload the list`;
  }),
);
$('more').addEventListener('click', async () => {
  skipped = 0;
  $('more').hidden = true;
  reset(await load());
});
events.addEventListener('open', () => {
  $('status').textContent = 'live';
});
events.addEventListener('error', () => {
  $('status').textContent = 'disconnected (retrying)';
});
await new Promise((resolve) => {
  events.addEventListener('open', resolve, { once: true });
  // A stream that cannot open (it retries) must not keep the list from showing.
  events.addEventListener('error', resolve, { once: true });
});
const rows = await load();
reset(rows);
loaded = true;
for (const handle of pending.splice(0)) handle();
updateCounts();

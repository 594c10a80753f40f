// The inspector page. Delivery data is outsiders' data: it is only ever inserted as text
// (textContent, never innerHTML), and the page's CSP runs no inline script.
const key = new URLSearchParams(location.search).get('key') ?? '';
const withKey = (path) => `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;

const state = { deliveries: [], selected: null, filter: '' };
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'text') node.textContent = value;
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function parseBody(delivery) {
  try {
    return { ok: true, value: JSON.parse(delivery.body_text) };
  } catch {
    return { ok: false, value: null };
  }
}

function resourceId(delivery) {
  const body = parseBody(delivery).value;
  return body && typeof body === 'object' && 'id' in body ? String(body.id) : '-';
}

function summary(delivery) {
  const body = parseBody(delivery).value;
  if (!body || typeof body !== 'object') return '';
  const name = [body.first_name, body.last_name].filter((part) => typeof part === 'string').join(' ');
  const parts = [name, body.name, body.subject, body.title, body.email_address, body.current_state];
  return parts
    .filter((part) => typeof part === 'string' && part.trim() !== '')
    .slice(0, 2)
    .join(' · ');
}

// Filter: words like `person_*` (event type glob), `is:invalid` / `is:verified`, `type:GLOB`, or free text.
function matcher(text) {
  const tests = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      if (lower === 'is:invalid') return (d) => !d.signature.valid;
      if (lower === 'is:verified' || lower === 'is:valid') return (d) => d.signature.valid;
      const glob = lower.startsWith('type:') ? lower.slice(5) : lower.includes('*') ? lower : null;
      if (glob !== null) {
        const pattern = new RegExp(
          `^${glob
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        );
        return (d) => pattern.test(d.event_type ?? '');
      }
      return (d) => `${d.event_type ?? ''} ${d.body_text}`.toLowerCase().includes(lower);
    });
  return (delivery) => tests.every((test) => test(delivery));
}

function visible() {
  const test = matcher(state.filter);
  return state.deliveries.filter(test);
}

function verdict(delivery) {
  return delivery.signature.valid
    ? el('span', { class: 'ok', text: 'verified' })
    : el('span', { class: 'bad', text: `INVALID: ${delivery.signature.reason}` });
}

function forwardTag(forward) {
  if (!forward) return null;
  if (forward.status === null) return el('span', { class: 'bad', text: `502 ${forward.error ?? ''}` });
  const kind = forward.status < 300 ? 'ok' : forward.status < 500 ? 'warn' : 'bad';
  return el('span', { class: kind, text: `→ ${forward.status} · ${forward.ms} ms` });
}

function renderList() {
  const list = $('list');
  const rows = visible();
  if (rows.length === 0) {
    list.replaceChildren(
      el('p', {
        class: 'empty',
        text:
          state.deliveries.length === 0
            ? 'No deliveries yet. They appear here as they arrive.'
            : 'Nothing matches the filter.',
      }),
    );
    return;
  }
  list.replaceChildren(
    ...rows.map((delivery) =>
      el(
        'div',
        {
          class: `row${delivery.id === state.selected ? ' selected' : ''}`,
          'data-id': String(delivery.id),
          onclick: () => select(delivery.id),
        },
        el('span', { class: 'time', text: delivery.received_at.slice(11, 19) }),
        el('span', { class: 'id', text: `#${delivery.id}` }),
        el('span', { class: 'type', text: delivery.event_type ?? '(no x-salesloft-event)' }),
        el(
          'span',
          { class: 'tags' },
          verdict(delivery),
          forwardTag(delivery.forward),
          delivery.retry_of ? el('span', { class: 'warn', text: `retry of #${delivery.retry_of}` }) : null,
          delivery.replay_of
            ? el('span', { class: 'muted', text: `replay of #${delivery.replay_of}` })
            : null,
        ),
        el('span', { class: 'summary', text: `${resourceId(delivery)}  ${summary(delivery)}` }),
      ),
    ),
  );
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
function tree(value, path = '', name = null) {
  const label =
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
      { open: '' },
      el('summary', {}, label, el('span', { class: 'size', text: size })),
    );
    for (const [childName, child] of entries) {
      const childPath = Array.isArray(value)
        ? `${path}[${childName}]`
        : path
          ? `${path}.${childName}`
          : String(childName);
      details.append(tree(child, childPath, String(childName)));
    }
    return details;
  }
  const type = value === null ? 'null' : typeof value;
  const text = type === 'string' ? JSON.stringify(value) : String(value);
  return el(
    'div',
    { class: 'leaf' },
    label,
    el('span', {
      class: `v ${type}`,
      text,
      title: 'copy value',
      onclick: () => copy(type === 'string' ? value : text, 'value'),
    }),
  );
}

async function replay(delivery, body, note) {
  let allowInvalid = false;
  if (!delivery.signature.valid) {
    allowInvalid = window.confirm(
      `#${delivery.id} arrived with an INVALID signature (${delivery.signature.reason}). Replaying signs it as valid. Replay anyway?`,
    );
    if (!allowInvalid) return;
  }
  note.textContent = 'Replaying…';
  note.className = 'muted';
  const response = await fetch(withKey(`/api/deliveries/${delivery.id}/replay`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(body === undefined ? {} : { body }), allow_invalid: allowInvalid }),
  });
  const answer = await response.json();
  if (answer.ok) {
    note.textContent = `Replayed to ${answer.target}: ${answer.status} in ${answer.ms} ms${answer.excerpt ? ` ${JSON.stringify(answer.excerpt)}` : ''}`;
    note.className = answer.status < 300 ? 'ok' : 'warn';
  } else {
    note.textContent = `Not replayed: ${answer.error}`;
    note.className = 'bad';
  }
}

function renderDetail() {
  const detail = $('detail');
  const delivery = state.deliveries.find((item) => item.id === state.selected);
  if (!delivery) {
    detail.replaceChildren(el('p', { class: 'empty', text: 'Select a delivery (j/k or arrows).' }));
    return;
  }
  const parsed = parseBody(delivery);
  const note = el('p', { id: 'replay-result', class: 'muted' });
  const editor = el('div', { id: 'editor', hidden: '' });
  const area = el('textarea', { 'aria-label': 'Edited body' });
  area.value = parsed.ok ? JSON.stringify(parsed.value, null, 2) : delivery.body_text;
  editor.append(
    area,
    el(
      'div',
      { class: 'actions' },
      el('button', {
        id: 'send-edited',
        text: 'Send edited body',
        onclick: () => replay(delivery, area.value, note),
      }),
    ),
  );

  const signature = el('p', {}, verdict(delivery));
  if (delivery.signature.hint)
    signature.append(el('span', { class: 'muted', text: ` — ${delivery.signature.hint}` }));
  const forward = delivery.forward
    ? el(
        'p',
        {},
        forwardTag(delivery.forward),
        delivery.forward.excerpt
          ? el('span', { class: 'muted', text: `  ${JSON.stringify(delivery.forward.excerpt)}` })
          : null,
      )
    : el('p', { class: 'muted', text: 'Not forwarded.' });
  const catalog = delivery.catalog
    ? el('p', {
        text: `${delivery.catalog.description} Resource ${delivery.catalog.resource}, action ${delivery.catalog.action}, scope ${delivery.catalog.scopes.join(', ') || 'none'}.`,
      })
    : el('p', { class: 'warn', text: 'Not in the catalog of 37 documented event types.' });
  const headers = el(
    'table',
    {},
    ...Object.entries(delivery.headers).map(([name, value]) =>
      el('tr', {}, el('td', { text: name }), el('td', { text: value })),
    ),
  );

  detail.replaceChildren(
    el('h2', { text: `${delivery.event_type ?? '(no x-salesloft-event)'}  #${delivery.id}` }),
    el('p', { class: 'muted', text: `${delivery.received_at}  ${delivery.path}` }),
    el(
      'div',
      { class: 'actions' },
      el('button', { id: 'replay', text: 'Replay', onclick: () => replay(delivery, undefined, note) }),
      el('button', { id: 'edit', text: 'Edit and replay', onclick: () => editor.toggleAttribute('hidden') }),
      el('button', { id: 'curl', text: 'Copy as curl', onclick: () => copy(delivery.curl, 'curl command') }),
      el('a', {
        class: 'button',
        id: 'download',
        href: withKey(`/api/deliveries/${delivery.id}/download`),
        download: `delivery-${delivery.id}.json`,
        text: 'Download JSON',
      }),
    ),
    note,
    editor,
    el('h3', { text: 'Signature' }),
    signature,
    el('h3', { text: 'Forward' }),
    forward,
    el('h3', { text: 'Event type' }),
    catalog,
    el('h3', { text: 'Headers' }),
    headers,
    el(
      'h3',
      {},
      document.createTextNode('Body '),
      el('button', { id: 'copy-body', text: 'Copy body', onclick: () => copy(delivery.body_text, 'body') }),
    ),
    parsed.ok
      ? el('div', { class: 'tree', id: 'tree' }, tree(parsed.value))
      : el('pre', { text: delivery.body_text }),
  );
}

function select(id) {
  state.selected = id;
  renderList();
  renderDetail();
  document.querySelector('.row.selected')?.scrollIntoView({ block: 'nearest' });
}

function move(step) {
  const rows = visible();
  if (rows.length === 0) return;
  const at = rows.findIndex((delivery) => delivery.id === state.selected);
  const next = at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + step));
  select(rows[next].id);
}

function upsert(delivery) {
  const at = state.deliveries.findIndex((item) => item.id === delivery.id);
  if (at === -1) state.deliveries.unshift(delivery);
  else state.deliveries[at] = delivery;
  state.deliveries.sort((a, b) => b.id - a.id);
  renderList();
  if (delivery.id === state.selected) renderDetail();
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
  renderList();
});

const initial = await (await fetch(withKey('/api/deliveries'))).json();
state.deliveries = initial;
renderList();
const events = new EventSource(withKey('/api/events'));
events.addEventListener('delivery', (event) => upsert(JSON.parse(event.data)));
events.addEventListener('open', () => {
  $('status').textContent = 'live';
});
events.addEventListener('error', () => {
  $('status').textContent = 'disconnected (retrying)';
});

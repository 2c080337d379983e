// Ticket triage dashboard: plain DOM + fetch + EventSource. Ticket text is untrusted: it only ever goes into
// textContent and attribute values, never into innerHTML.
'use strict';

const state = { tickets: new Map(), order: [], next: null, selected: null, categories: [], filters: {} };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

const label = (value) => (value || '').replace(/_/g, ' ');
const SHORT = { very_negative: 'v.neg', negative: 'neg', neutral: 'neutral', positive: 'pos', very_positive: 'v.pos' };
const short = (value) => SHORT[value] || label(value);

async function api(path, options = {}) {
  const response = await fetch(path, { headers: { 'Content-Type': 'application/json', 'X-Actor': 'dashboard' }, ...options });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const fields = body && body.errors ? body.errors.map((e) => `${e.field} ${e.reason}`).join('; ') : '';
    throw new Error(fields || (body && (body.detail || body.title)) || `HTTP ${response.status}`);
  }
  return body;
}

// ---------- list ----------

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) if (value) params.set(key, value);
  return params;
}

function matchesFilters(ticket) {
  const f = state.filters;
  if (f.status && ticket.status !== f.status) return false;
  if (f.category && ticket.category !== f.category) return false;
  if (f.sentiment && ticket.sentiment !== f.sentiment) return false;
  if (f.priority && ticket.priority !== f.priority) return false;
  if (f.q && !`${ticket.subject || ''} ${ticket.body}`.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

async function loadTickets(append = false) {
  const params = filterParams();
  params.set('limit', '30');
  if (append && state.next) params.set('after', state.next);
  const page = await api(`/api/tickets?${params}`);
  if (!append) { state.tickets.clear(); state.order = []; }
  for (const ticket of page.items) { state.tickets.set(ticket.id, ticket); state.order.push(ticket.id); }
  state.next = page.next;
  renderList();
  for (const format of ['csv', 'jsonl', 'xlsx']) {
    const exportParams = filterParams();
    exportParams.set('format', format);
    $(`export-${format}`).href = `/api/tickets/export?${exportParams}`;
  }
}

function badges(ticket) {
  const list = el('span', { class: 'badges' });
  if (ticket.category) list.append(el('span', { class: 'badge category', 'data-value': ticket.category, text: label(ticket.category) }));
  if (ticket.sentiment) list.append(el('span', { class: 'badge sentiment', 'data-value': ticket.sentiment, text: label(ticket.sentiment) }));
  if (ticket.priority) list.append(el('span', { class: 'badge priority', 'data-value': ticket.priority, text: label(ticket.priority) }));
  if (ticket.processingState !== 'processed') {
    list.append(el('span', { class: 'badge state', 'data-value': ticket.processingState, text: ticket.processingState === 'failed' ? 'failed' : 'classifying…' }));
  }
  list.append(el('span', { class: 'badge status', 'data-value': ticket.status, text: label(ticket.status) }));
  return list;
}

function ticketItem(ticket, fresh) {
  const title = ticket.subject || ticket.body;
  const item = el('li', {
    class: `ticket${fresh ? ' fresh' : ''}${state.selected === ticket.id ? ' selected' : ''}`,
    'data-id': ticket.id, 'data-state': ticket.processingState, tabindex: 0, role: 'button',
    'aria-label': `Ticket: ${title.slice(0, 80)}`,
    onclick: () => select(ticket.id),
    onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(ticket.id); } },
  },
  el('div', { class: 'ticket-title', text: title }),
  el('div', { class: 'ticket-meta', text: `${new Date(ticket.createdAt).toLocaleString()} · ${ticket.channel}${ticket.customer.email ? ' · ' + ticket.customer.email : ''}${ticket.assignee ? ' · ' + ticket.assignee : ''}` }),
  badges(ticket));
  return item;
}

function renderList() {
  const list = $('tickets');
  list.replaceChildren(...state.order.map((id) => ticketItem(state.tickets.get(id), false)));
  if (state.order.length === 0) list.append(el('li', { class: 'ticket-meta', text: 'No tickets match.' }));
  $('more').hidden = !state.next;
}

function upsert(ticket) {
  const known = state.tickets.has(ticket.id);
  // events and responses can cross (the "classified" event may beat the POST's answer): keep the newest version
  if (known && state.tickets.get(ticket.id).version > ticket.version) return;
  if (!known && !matchesFilters(ticket)) return;
  state.tickets.set(ticket.id, ticket);
  const existing = document.querySelector(`.ticket[data-id="${CSS.escape(ticket.id)}"]`);
  const item = ticketItem(ticket, !known);
  if (existing) existing.replaceWith(item);
  else {
    state.order.unshift(ticket.id);
    const empty = $('tickets').querySelector('.ticket-meta:only-child');
    if (empty) empty.remove();
    $('tickets').prepend(item);
  }
  if (state.selected === ticket.id) renderDetail(ticket);
}

// ---------- detail ----------

async function select(id) {
  state.selected = id;
  document.querySelectorAll('.ticket.selected').forEach((node) => node.classList.remove('selected'));
  const row = document.querySelector(`.ticket[data-id="${CSS.escape(id)}"]`);
  if (row) row.classList.add('selected');
  const ticket = await api(`/api/tickets/${id}`);
  state.tickets.set(id, ticket);
  renderDetail(ticket);
}

async function change(id, patch) {
  try {
    const ticket = await api(`/api/tickets/${id}`, { method: 'PATCH', body: JSON.stringify(patch) });
    upsert(ticket);
    renderDetail(ticket);
  } catch (error) {
    $('detail-error').textContent = error.message;
  }
}

function chips(name, values, current, onPick) {
  return el('div', { class: 'chips', role: 'group', 'aria-label': name },
    values.map((value) => el('button', {
      type: 'button', 'aria-pressed': value === current ? 'true' : 'false', text: label(value),
      onclick: () => { if (value !== current) onPick(value); },
    })));
}

async function renderDetail(ticket) {
  const panel = $('detail');
  panel.hidden = false;
  const c = ticket.classification;
  const confidence = c && c.confidence.category !== undefined ? c.confidence.category : null;
  const body = $('detail-body');
  const reply = el('textarea', { id: 'reply', rows: 5 });
  reply.value = (c && c.suggestedReply) || '';
  const assignee = el('input', { id: 'assignee', value: ticket.assignee || '', autocomplete: 'off' });
  const status = el('select', { id: 'status' }, ['open', 'in_progress', 'pending', 'resolved', 'closed']
    .map((value) => el('option', { value, selected: value === ticket.status, text: label(value) })));
  body.replaceChildren(
    el('p', { class: 'ticket-meta', text: `${ticket.id} · ${new Date(ticket.createdAt).toLocaleString()} · ${ticket.channel}` }),
    el('h3', { text: ticket.subject || '(no subject)' }),
    el('div', { class: 'text', text: ticket.body }),
    badges(ticket),
    c ? el('dl', {},
      el('dt', { text: 'Confidence' }),
      el('dd', {}, el('span', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': confidence ?? 0, 'aria-label': 'Category confidence' },
        el('span', { style: `width:${Math.round((confidence ?? 0) * 100)}%` })), `${Math.round((confidence ?? 0) * 100)} %`),
      el('dt', { text: 'Rationale' }), el('dd', { text: c.rationale || '—' }),
      el('dt', { text: 'Summary' }), el('dd', { text: c.summary || '—' }),
      el('dt', { text: 'Language' }), el('dd', { text: c.language }),
      el('dt', { text: 'Classifier' }), el('dd', { text: `${c.classifier}${c.model ? ' (' + c.model + ')' : ''}, ${c.latencyMillis} ms` }),
      ticket.correction ? el('dt', { text: 'Corrected' }) : null,
      ticket.correction ? el('dd', { text: `by ${ticket.correction.actor} (predicted ${label(ticket.correction.predictedCategory) || '—'})` }) : null)
      : el('p', { class: 'ticket-meta', text: ticket.processingState === 'failed' ? `Classification failed: ${ticket.lastFailure || ''}` : 'Classifying…' }),
    el('h3', { text: 'Correct the category' }),
    chips('Category', state.categories.map((cat) => cat.label), ticket.category, (value) => change(ticket.id, { correction: { category: value } })),
    el('h3', { text: 'Correct the sentiment' }),
    chips('Sentiment', ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'], ticket.sentiment,
      (value) => change(ticket.id, { correction: { sentiment: value } })),
    el('h3', { text: 'Priority' }),
    chips('Priority', ['low', 'medium', 'high', 'urgent'], ticket.priority, (value) => change(ticket.id, { priority: value })),
    el('label', { for: 'reply', text: 'Suggested reply (editable)' }), reply,
    el('button', { type: 'button', text: 'Save reply', onclick: () => change(ticket.id, { suggestedReply: reply.value }) }),
    el('label', { for: 'status', text: 'Status' }), status,
    el('label', { for: 'assignee', text: 'Assignee' }), assignee,
    el('button', { type: 'button', text: 'Save status and assignee',
      onclick: () => change(ticket.id, { status: status.value, assignee: assignee.value.trim() || null }) }),
    el('button', { type: 'button', class: 'secondary', text: 'Reclassify now', onclick: async () => {
      try { const updated = await api(`/api/tickets/${ticket.id}/process`, { method: 'POST' }); upsert(updated); renderDetail(updated); }
      catch (error) { $('detail-error').textContent = error.message; } } }),
    el('p', { id: 'detail-error', class: 'error', role: 'alert' }),
    el('h3', { text: 'Audit trail' }),
    el('ol', { class: 'audit', id: 'audit' }));
  try {
    const audit = await api(`/api/tickets/${ticket.id}/audit`);
    if (state.selected === ticket.id && $('audit')) {
      $('audit').replaceChildren(...audit.map((entry) => el('li', { text: `${new Date(entry.at).toLocaleTimeString()} ${entry.actor}: ${entry.action} ${entry.detail}` })));
    }
  } catch (error) { /* the trail is a nicety; the ticket is shown */ }
}

// ---------- stats ----------

function bars(svg, entries, colour) {
  const width = svg.clientWidth || 200;
  const height = 64;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const slot = width / Math.max(1, entries.length);
  entries.forEach(([name, value], i) => {
    const h = Math.round((value / max) * (height - 22));
    const barWidth = Math.max(2, Math.min(36, slot - 4));
    const bar = svgEl('rect', { x: i * slot + (slot - barWidth) / 2, y: height - 12 - h, width: barWidth, height: h, fill: colour(name), rx: 2 });
    const title = svgEl('title');
    title.textContent = `${label(name)}: ${value}`;
    bar.append(title);
    svg.append(bar);
    const count = svgEl('text', { x: i * slot + slot / 2, y: height - 14 - h, 'text-anchor': 'middle' });
    count.textContent = value;
    svg.append(count);
    const caption = svgEl('text', { x: i * slot + slot / 2, y: height - 2, 'text-anchor': 'middle' });
    caption.textContent = short(name).slice(0, Math.max(4, Math.floor(slot / 6)));
    svg.append(caption);
  });
  if (entries.length === 0) { const none = svgEl('text', { x: 4, y: 36 }); none.textContent = 'no data yet'; svg.append(none); }
}

// One hour on a fixed axis (60 minutes, now at the right): a line through the minutes with data, a dot on each.
function line(svg, minutes, value) {
  const width = svg.clientWidth || 200;
  const height = 64;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const now = Math.floor(Date.now() / 60000);
  const points = minutes.map((m) => [59 - (now - Math.floor(Date.parse(m.minute) / 60000)), value(m)]).filter(([x]) => x >= 0 && x <= 59);
  svg.append(svgEl('line', { x1: 0, y1: height - 12, x2: width, y2: height - 12, stroke: '#d5d9e0' }));
  const axis = svgEl('text', { x: 0, y: height - 2 });
  axis.textContent = '60 min ago';
  svg.append(axis);
  const nowLabel = svgEl('text', { x: width, y: height - 2, 'text-anchor': 'end' });
  nowLabel.textContent = 'now';
  svg.append(nowLabel);
  if (points.length === 0) return;
  const max = Math.max(1, ...points.map(([, v]) => v));
  const xy = ([x, v]) => [(x / 59) * (width - 6) + 3, height - 14 - (v / max) * (height - 28)];
  svg.append(svgEl('polyline', { points: points.map((p) => xy(p).map((n) => n.toFixed(1)).join(',')).join(' '), fill: 'none', stroke: '#0b57d0', 'stroke-width': 2 }));
  for (const p of points) {
    const [cx, cy] = xy(p);
    const dot = svgEl('circle', { cx, cy, r: 2.5, fill: '#0b57d0' });
    const title = svgEl('title');
    title.textContent = `${59 - p[0]} min ago: ${p[1]}`;
    dot.append(title);
    svg.append(dot);
  }
  const last = svgEl('text', { x: width - 2, y: 10, 'text-anchor': 'end' });
  last.textContent = `now ${points[points.length - 1][1]} · max ${max}`;
  svg.append(last);
}

const sentimentColour = (name) => ({ very_negative: '#b3261e', negative: '#e46962', neutral: '#8a93a3', positive: '#57b77a', very_positive: '#1e7a44' }[name] || '#8a93a3');

/** 42 s, 7 min, 3 h, 2 d: how long the oldest ticket has waited, at a glance. */
function duration(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

let lastStats = null;
async function loadStats() {
  lastStats = await api('/api/stats');
  renderStats(lastStats);
}

function renderStats(stats) {
  $('stat-total').textContent = stats.total;
  $('stat-backlog').textContent = stats.backlog.waiting;
  $('stat-oldest').textContent = duration(stats.backlog.oldestWaitingSeconds);
  $('stat-oldest').title = stats.backlog.sampled > 0
    ? `time to classify over the last ${stats.backlog.sampled} classified: mean ${stats.backlog.meanTimeToClassifyMillis} ms, p95 ${stats.backlog.p95TimeToClassifyMillis} ms`
    : 'nothing classified yet';
  $('stat-negative').textContent = (stats.bySentiment.negative || 0) + (stats.bySentiment.very_negative || 0);
  bars($('chart-category'), Object.entries(stats.byCategory), () => '#6750a4');
  bars($('chart-sentiment'), ['very_negative', 'negative', 'neutral', 'positive', 'very_positive']
    .map((name) => [name, stats.bySentiment[name] || 0]), sentimentColour);
  line($('chart-backlog'), stats.lastHour, (minute) => minute.backlog);
  line($('chart-latency'), stats.lastHour.filter((minute) => minute.classified > 0), (minute) => minute.latencyP95Millis);
}

// the charts are drawn to their box's width: redraw when the window changes size
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (lastStats) renderStats(lastStats); }, 150);
});

let statsTimer = null;
function refreshStatsSoon() {
  if (statsTimer) return;
  statsTimer = setTimeout(() => { statsTimer = null; loadStats().catch(() => {}); }, 800);
}

// ---------- live updates ----------

function connect() {
  const source = new EventSource('/api/tickets/events');   // the browser resends Last-Event-ID on reconnect
  source.onopen = () => { $('live').textContent = 'Live'; $('live').classList.add('on'); };
  source.onerror = () => { $('live').textContent = 'Reconnecting…'; $('live').classList.remove('on'); };
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.ticket) upsert(event.ticket);
    refreshStatsSoon();
  };
  source.addEventListener('resync', () => { loadTickets().catch(() => {}); refreshStatsSoon(); });
}

// ---------- forms ----------

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const ticket = { body: form.get('body'), channel: form.get('channel') };
  if (form.get('subject')) ticket.subject = form.get('subject');
  if (form.get('customerEmail')) ticket.customerEmail = form.get('customerEmail');
  $('create-error').textContent = '';
  try {
    const created = await api('/api/tickets', { method: 'POST', body: JSON.stringify(ticket) });
    upsert(created);
    event.target.reset();
  } catch (error) {
    $('create-error').textContent = error.message;
  }
});

$('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.filters = Object.fromEntries(new FormData(event.target).entries());
  loadTickets().catch((error) => { $('tickets').replaceChildren(el('li', { class: 'error', text: error.message })); });
});

$('more').addEventListener('click', () => loadTickets(true));

// ---------- assistant ----------

$('ask-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('ask-button').disabled = true;
  $('ask-answer').textContent = 'Thinking…';
  try {
    const reply = await api('/api/assistant', { method: 'POST', body: JSON.stringify({ question: $('ask-question').value }) });
    $('ask-answer').textContent = reply.answer + (reply.toolCalls.length ? ` (looked at: ${reply.toolCalls.join(', ')})` : '');
  } catch (error) {
    $('ask-answer').textContent = error.message;
  } finally {
    $('ask-button').disabled = false;
  }
});

async function start() {
  const taxonomy = await api('/api/taxonomy');
  state.categories = taxonomy.categories;
  $('filter-category').append(...taxonomy.categories.map((cat) => el('option', { value: cat.label, text: label(cat.label) })));
  await loadTickets();
  await loadStats();
  connect();
  setInterval(() => loadStats().catch(() => {}), 30000);
}

start().catch((error) => { $('live').textContent = `Failed to load: ${error.message}`; });

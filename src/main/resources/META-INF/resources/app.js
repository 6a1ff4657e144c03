// Nightshift web page: the run list and one run's page, over the same HTTP API as every other client.
'use strict';

const params = new URLSearchParams(location.search);
const token = params.get('access_token');

function api(path) {
  if (!token) return path;
  return path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token);
}

async function getJson(path) {
  const r = await fetch(api(path), { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(path + ': ' + r.status);
  return r.json();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'text') e.textContent = v; else e.setAttribute(k, v); });
  children.forEach(c => e.append(c));
  return e;
}

async function showRuns() {
  const list = await getJson('pipelines?limit=200');
  const body = document.querySelector('#runs tbody');
  body.replaceChildren();
  list.runs.forEach(run => {
    const link = el('a', { href: api('run.html?id=' + encodeURIComponent(run.id)), text: run.id });
    body.append(el('tr', { 'data-run': run.id }, el('td', {}, link),
      el('td', {}, el('span', { class: 'status ' + run.status, text: run.status })),
      el('td', { text: run.current_node || '' }), el('td', { text: String(run.completed_nodes.length) }),
      el('td', { class: 'spend', text: spendText(run) }), el('td', { text: run.started_at || '' })));
  });
  document.getElementById('empty').hidden = list.runs.length > 0;
}

async function refreshStatus(id) {
  const run = await getJson('pipelines/' + encodeURIComponent(id));
  const status = document.getElementById('status');
  status.textContent = run.status;
  status.className = 'status ' + run.status;
  document.getElementById('spend').textContent = spendText(run);
  const satisfaction = document.getElementById('satisfaction');
  if (satisfaction && typeof run.satisfaction === 'number') {
    satisfaction.textContent = 'satisfaction ' + percent(run.satisfaction);
    satisfaction.hidden = false;
  }
  return run;
}

/**
 * What a run's model calls spent, as the CLI's final line says it: "1,100 tokens, $0.0045". A cost that leaves out
 * calls of models with no known price is a lower bound ("≥"); a simulated run says so, as it spent nothing real.
 */
function spendText(run) {
  const tokens = Number(run.tokens || 0).toLocaleString('en-US') + ' tokens';
  const cost = (run.cost_complete === false ? '≥ $' : '$') + Number(run.cost_usd || 0).toFixed(4);
  return tokens + ', ' + cost + (run.cost_complete === false ? ' (a price is unknown)' : '')
    + (run.simulated ? ' (simulated)' : '');
}

function percent(fraction) {
  return (100 * fraction).toFixed(1) + '%';
}

/** What an event line says after its type and node: the judgments of holdout scenarios in words. */
function eventDetail(e) {
  const where = e.node_id ? ' ' + e.node_id : '';
  if (e.type === 'harness_completed') {
    return where + ': suite ' + e.suite + ', satisfaction ' + percent(e.satisfaction) + ' (' + e.satisfied_trials
      + '/' + e.total_trials + ' trials, threshold ' + percent(e.threshold) + ')' + (e.reached ? '' : ', below');
  }
  if (e.type === 'harness_started') return where + ': judging ' + (e.commit || '').slice(0, 10) + ' against ' + e.suite;
  return where;
}

async function refreshGraph(id) {
  const r = await fetch(api('pipelines/' + encodeURIComponent(id) + '/graph'));
  const box = document.getElementById('graph');
  if (r.ok) box.innerHTML = await r.text();
  else box.textContent = (await r.json().catch(() => ({ error: 'graph unavailable' }))).error;
}

async function refreshQuestions(id) {
  const questions = await getJson('pipelines/' + encodeURIComponent(id) + '/questions');
  const box = document.getElementById('questions');
  box.replaceChildren();
  if (questions.length === 0) {
    box.append(el('p', { class: 'hint', text: 'No question is waiting.' }));
    return;
  }
  questions.forEach(q => {
    const div = el('div', { class: 'question', 'data-question': q.id }, el('p', { text: q.text + ' (' + q.stage + ')' }));
    const send = async body => {
      const r = await fetch(api('pipelines/' + encodeURIComponent(id) + '/questions/' + encodeURIComponent(q.id) + '/answer'),
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const result = await r.json();
      div.append(el('p', { class: r.ok ? 'answered' : 'error', text: r.ok ? 'Answered: ' + result.answer : result.error }));
      if (r.ok) div.querySelectorAll('button').forEach(b => b.disabled = true);
    };
    q.options.forEach(o => {
      const b = el('button', { type: 'button', 'data-key': o.key, text: o.label });
      b.addEventListener('click', () => send({ value: o.key }));
      div.append(b);
    });
    if (q.type === 'freeform' || q.options.length === 0) {
      const input = el('input', { type: 'text', 'aria-label': 'answer' });
      const b = el('button', { type: 'button', text: 'Send' });
      b.addEventListener('click', () => send({ text: input.value }));
      div.append(input, b);
    }
    box.append(div);
  });
}

async function refreshFiles(id) {
  const files = await getJson('pipelines/' + encodeURIComponent(id) + '/files');
  const list = document.getElementById('files');
  list.replaceChildren();
  files.forEach(f => {
    const a = el('a', { href: '#', text: f.stage + '/' + f.name });
    a.addEventListener('click', async ev => {
      ev.preventDefault();
      const r = await fetch(api('pipelines/' + encodeURIComponent(id) + '/files/' + f.stage + '/' + f.name));
      const view = document.getElementById('file-view');
      view.textContent = await r.text();
      view.hidden = false;
    });
    list.append(el('li', {}, a));
  });
}

async function showRun() {
  const id = params.get('id');
  document.getElementById('run-id').textContent = id;
  document.getElementById('back').href = api('index.html');
  const refreshAll = async () => {
    await refreshStatus(id);
    await Promise.all([refreshQuestions(id), refreshGraph(id), refreshFiles(id)]);
  };
  await refreshAll();
  const events = document.getElementById('events');
  const source = new EventSource(api('pipelines/' + encodeURIComponent(id) + '/events'));
  let pending = null;
  source.onmessage = msg => {
    const e = JSON.parse(msg.data);
    const detail = eventDetail(e);
    events.append(el('li', { 'data-seq': msg.lastEventId, 'data-type': e.type, text: '#' + msg.lastEventId + ' ' + e.type + detail }));
    clearTimeout(pending);
    pending = setTimeout(refreshAll, 100);
    if (['pipeline_completed', 'pipeline_failed', 'pipeline_cancelled', 'pipeline_budget_exhausted',
      'pipeline_stalled'].includes(e.type)) {
      source.close();
      settle();
    }
  };
  // The engine's last event comes before the deliverables are written: poll until the run is really over.
  const settle = async () => {
    for (let i = 0; i < 240; i++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      await refreshAll();
      const shown = document.getElementById('status').textContent;
      if (['succeeded', 'failed', 'cancelled', 'budget_exhausted', 'stalled'].includes(shown)) return;
    }
  };
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  const work = page === 'run' ? showRun() : showRuns();
  work.catch(err => document.body.append(el('p', { class: 'error', text: String(err) })));
});

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

const STATES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'budget_exhausted', 'stalled',
  'interrupted'];
const FILTERS = ['status', 'pipeline', 'suite'];

/** Every run the caller may see that matches {@code query}, page by page (the API serves at most 500 at once). */
async function allRuns(query) {
  const runs = [];
  for (let offset = 0; offset < 10000; offset += 500) {
    const page = await getJson('pipelines?limit=500&offset=' + offset + (query ? '&' + query : ''));
    runs.push(...page.runs);
    if (runs.length >= page.total || page.runs.length === 0) break;
  }
  return runs;
}

/** The filters as the page's address says them (so a filtered list can be bookmarked and shared). */
function chosenFilters() {
  const chosen = new URLSearchParams();
  FILTERS.forEach(f => { if (params.get(f)) chosen.set(f, params.get(f)); });
  return chosen;
}

function fillOptions(select, values) {
  const chosen = params.get(select.name) || '';
  const all = [...new Set(values.concat(chosen ? [chosen] : []))].sort();
  // rebuilt only when the choices change: the periodic refresh must not close a list someone has open
  if (select.dataset.options === all.join('\n') && select.value === chosen) return;
  select.dataset.options = all.join('\n');
  select.replaceChildren(el('option', { value: '', text: 'all' }), ...all.map(v => el('option', { value: v, text: v })));
  select.value = chosen;
}

async function showRuns() {
  const form = document.getElementById('filters');
  form.addEventListener('change', () => {
    FILTERS.forEach(f => { const v = form.elements[f].value; if (v) params.set(f, v); else params.delete(f); });
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
    refreshRuns().catch(err => document.body.append(el('p', { class: 'error', text: String(err) })));
  });
  await refreshRuns();
  setInterval(() => refreshRuns().catch(() => {}), 5000);
}

async function refreshRuns() {
  const everything = await allRuns('');
  const form = document.getElementById('filters');
  fillOptions(form.elements.status, STATES.filter(s => everything.some(r => r.status === s)));
  fillOptions(form.elements.pipeline, everything.map(r => r.pipeline).filter(Boolean));
  fillOptions(form.elements.suite, everything.flatMap(r => Object.keys(r.satisfaction_by_suite || {})));
  const filters = chosenFilters().toString();
  const runs = filters ? await allRuns(filters) : everything;
  const body = document.querySelector('#runs tbody');
  body.replaceChildren();
  runs.forEach(run => {
    const link = el('a', { href: api('run.html?id=' + encodeURIComponent(run.id)), text: run.id });
    const suites = Object.keys(run.satisfaction_by_suite || {});
    body.append(el('tr', { 'data-run': run.id }, el('td', {}, link),
      el('td', {}, el('span', { class: 'status ' + run.status, text: run.status })),
      el('td', { class: 'pipeline', text: run.pipeline || '' }), el('td', { class: 'suite', text: suites.join(', ') }),
      el('td', { text: run.current_node || '' }), el('td', { class: 'duration', text: durationText(run) }),
      el('td', { class: 'spend', text: spendText(run) }),
      el('td', { class: 'satisfaction', text: typeof run.satisfaction === 'number' ? percent(run.satisfaction) : '' }),
      el('td', { class: 'started', title: run.started_at || '', text: (run.started_at || '').slice(0, 19).replace('T', ' ') })));
  });
  document.getElementById('empty').hidden = runs.length > 0;
  document.getElementById('count').textContent = runs.length + ' of ' + everything.length + ' runs';
  satisfactionChart(document.getElementById('chart-satisfaction'), runs);
  spendChart(document.getElementById('chart-spend'), runs);
}

/** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min"; nothing for a run that has not started. */
function durationText(run) {
  const ms = Number(run.duration_ms || 0);
  if (!run.started_at) return '';
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  const s = Math.floor(ms / 1000);
  if (s < 3600) return Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
  return Math.floor(s / 3600) + ' h ' + String(Math.floor(s / 60) % 60).padStart(2, '0') + ' min';
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SERIES_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const CHART = { width: 480, height: 220, left: 44, right: 12, top: 12, bottom: 36 };

function svgEl(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'text') e.textContent = v; else e.setAttribute(k, v); });
  children.forEach(c => e.append(c));
  return e;
}

function chartFrame(svg, yLabels) {
  svg.replaceChildren();
  const plotBottom = CHART.height - CHART.bottom;
  yLabels.forEach(([fraction, label]) => {
    const y = plotBottom - fraction * (plotBottom - CHART.top);
    svg.append(svgEl('line', { class: 'grid', x1: CHART.left, x2: CHART.width - CHART.right, y1: y, y2: y }),
      svgEl('text', { x: CHART.left - 4, y: y + 3, 'text-anchor': 'end', text: label }));
  });
  svg.append(svgEl('line', { class: 'axis', x1: CHART.left, x2: CHART.width - CHART.right, y1: plotBottom, y2: plotBottom }),
    svgEl('line', { class: 'axis', x1: CHART.left, x2: CHART.left, y1: CHART.top, y2: plotBottom }));
}

function chartEmpty(svg, text) {
  svg.append(svgEl('text', { class: 'empty', x: CHART.width / 2, y: CHART.height / 2, 'text-anchor': 'middle', text }));
}

/** One line per suite: each judged run's satisfaction for that suite, at the time the run ended (or started). */
function satisfactionChart(svg, runs) {
  chartFrame(svg, [[0, '0%'], [0.5, '50%'], [1, '100%']]);
  const points = {};
  runs.forEach(run => Object.entries(run.satisfaction_by_suite || {}).forEach(([suite, value]) => {
    const at = Date.parse(run.finished_at || run.started_at || run.created_at);
    (points[suite] = points[suite] || []).push({ at, value, run: run.id });
  }));
  const suites = Object.keys(points).sort();
  if (suites.length === 0) { chartEmpty(svg, 'No judged run yet'); return; }
  const times = suites.flatMap(s => points[s].map(p => p.at));
  const first = Math.min(...times), last = Math.max(...times);
  const plotWidth = CHART.width - CHART.left - CHART.right, plotHeight = CHART.height - CHART.bottom - CHART.top;
  const x = at => CHART.left + (last === first ? plotWidth / 2 : (at - first) / (last - first) * plotWidth);
  const y = v => CHART.height - CHART.bottom - v * plotHeight;
  suites.forEach((suite, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const series = points[suite].sort((a, b) => a.at - b.at);
    const g = svgEl('g', { class: 'series', 'data-suite': suite });
    g.append(svgEl('path', { stroke: colour, d: series.map((p, j) => (j ? 'L' : 'M') + x(p.at) + ' ' + y(p.value)).join(' ') }));
    series.forEach(p => g.append(svgEl('circle', { cx: x(p.at), cy: y(p.value), r: 3, fill: colour, 'data-run': p.run },
      svgEl('title', { text: suite + ': ' + percent(p.value) + ' (' + p.run + ', ' + new Date(p.at).toISOString() + ')' }))));
    g.append(svgEl('text', { x: CHART.left + 6 + (i % 4) * 105, y: CHART.height - 6, style: 'fill: ' + colour,
      text: '● ' + suite }));
    svg.append(g);
  });
  svg.append(svgEl('text', { x: CHART.left, y: CHART.height - CHART.bottom + 12, text: new Date(first).toISOString().slice(0, 16).replace('T', ' ') }),
    svgEl('text', { x: CHART.width - CHART.right, y: CHART.height - CHART.bottom + 12, 'text-anchor': 'end',
      text: new Date(last).toISOString().slice(0, 16).replace('T', ' ') }));
}

/** One bar per day (UTC) a run was created: what its runs' model calls cost, in dollars. */
function spendChart(svg, runs) {
  const byDay = {};
  runs.forEach(run => {
    const day = (run.created_at || '').slice(0, 10);
    if (!day) return;
    const d = byDay[day] = byDay[day] || { cost: 0, tokens: 0, complete: true };
    d.cost += Number(run.cost_usd || 0);
    d.tokens += Number(run.tokens || 0);
    d.complete = d.complete && run.cost_complete !== false;
  });
  const days = Object.keys(byDay).sort().slice(-14);
  const top = Math.max(0, ...days.map(d => byDay[d].cost));
  const scale = top > 0 ? niceCeiling(top) : 1;
  chartFrame(svg, [[0, '$0'], [0.5, '$' + money(scale / 2)], [1, '$' + money(scale)]]);
  if (days.length === 0) { chartEmpty(svg, 'No run yet'); return; }
  const plotWidth = CHART.width - CHART.left - CHART.right, plotHeight = CHART.height - CHART.bottom - CHART.top;
  const slot = plotWidth / days.length, barWidth = Math.min(40, slot * 0.7);
  days.forEach((day, i) => {
    const d = byDay[day];
    const h = d.cost / scale * plotHeight;
    const cx = CHART.left + slot * (i + 0.5);
    svg.append(svgEl('rect', { class: 'bar', x: cx - barWidth / 2, y: CHART.height - CHART.bottom - h, width: barWidth,
      height: h, 'data-day': day, 'data-cost': d.cost.toFixed(6) },
      svgEl('title', { text: day + ': ' + (d.complete ? '$' : '≥ $') + d.cost.toFixed(4) + ', '
        + d.tokens.toLocaleString('en-US') + ' tokens' })),
      svgEl('text', { x: cx, y: CHART.height - CHART.bottom + 12, 'text-anchor': 'middle', text: day.slice(5) }),
      svgEl('text', { x: cx, y: CHART.height - CHART.bottom - h - 3, 'text-anchor': 'middle',
        text: (d.complete ? '$' : '≥$') + money(d.cost) }));
  });
}

/** The smallest 1, 2 or 5 times a power of ten at or above {@code v}: a round top for the spend axis. */
function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map(m => m * p).find(c => c >= v);
}

function money(v) {
  return v >= 1 ? v.toFixed(2) : v >= 0.01 ? v.toFixed(3) : v.toPrecision(2);
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
  showCandidates(run);
  return run;
}

/**
 * Each candidate of each stage that ran candidates (issue 19), as it ended: status, satisfaction with its lower
 * confidence bound, spend and the side ref that keeps its work; the chosen one is marked "winner".
 */
function showCandidates(run) {
  const section = document.getElementById('candidates-section');
  const byStage = run.candidates || {};
  if (!section || Object.keys(byStage).length === 0) return;
  const winners = run.candidate_winners || {};
  const body = section.querySelector('tbody');
  body.replaceChildren();
  for (const [stage, list] of Object.entries(byStage)) {
    for (const c of list) {
      const won = winners[stage] === c.index;
      const spend = c.spend ? Number(c.spend.tokens || 0).toLocaleString('en-US') + ' tokens, $'
        + Number(c.spend.cost_usd || 0).toFixed(4) : '';
      body.append(el('tr', { 'data-stage': stage, 'data-index': String(c.index), class: won ? 'winner' : '' },
        el('td', { text: stage }),
        el('td', { text: '#' + c.index + (won ? ' (winner)' : '') }),
        el('td', { text: c.status + (c.reason ? ': ' + c.reason : '') }),
        el('td', { text: typeof c.satisfaction === 'number' ? percent(c.satisfaction) : '' }),
        el('td', { text: typeof c.satisfaction_lower === 'number' ? percent(c.satisfaction_lower) : '' }),
        el('td', { text: spend }),
        el('td', { text: c.ref || '' })));
    }
  }
  section.hidden = false;
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

let vizInstance = null;

/**
 * Draws the run's graph once with the WebAssembly Graphviz shipped in vendor/ (no Graphviz on the server), then
 * colours its stages as their states change.
 */
async function drawGraph(id, states) {
  const box = document.getElementById('graph');
  try {
    const r = await fetch(api('pipelines/' + encodeURIComponent(id) + '/graph.dot'));
    if (!r.ok) throw new Error((await r.json().catch(() => ({ error: 'graph unavailable: ' + r.status }))).error);
    const dot = await r.text();
    if (!vizInstance) vizInstance = await (await import(api('./vendor/viz-3.31.0.js'))).instance();
    const svg = vizInstance.renderSVGElement(dot);
    box.replaceChildren(svg);
    colourStages(states);
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error', text: 'The graph could not be drawn: ' + err.message }));
  }
}

/** Sets each drawn stage's class to its state; the style sheet fills it (a stage not listed is not reached). */
function colourStages(states) {
  document.querySelectorAll('#graph svg g.node').forEach(g => {
    const stage = g.id.startsWith('node_') ? g.id.slice('node_'.length) : null;
    if (stage === null) return;
    g.setAttribute('class', 'node state_' + (states[stage] || 'pending'));
  });
}

/** A stage's state as an event changes it (the service's node_states follow the same rules). */
function stateAfter(e) {
  switch (e.type) {
    case 'stage_started': case 'stage_retrying': case 'interview_completed': case 'interview_timeout': return 'running';
    case 'stage_completed': return 'succeeded';
    case 'stage_failed': return e.will_retry ? 'running' : 'failed';
    case 'interview_started': return 'waiting';
    default: return null;
  }
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
  const states = {};
  const refreshAll = async () => {
    const run = await refreshStatus(id);
    Object.assign(states, run.node_states || {});
    colourStages(states);
    await Promise.all([refreshQuestions(id), refreshFiles(id)]);
  };
  await refreshAll();
  await drawGraph(id, states);
  const events = document.getElementById('events');
  const source = new EventSource(api('pipelines/' + encodeURIComponent(id) + '/events'));
  let pending = null;
  source.onmessage = msg => {
    const e = JSON.parse(msg.data);
    const detail = eventDetail(e);
    const state = stateAfter(e);
    if (state && e.node_id) {
      states[e.node_id] = state;
      colourStages(states);
    }
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

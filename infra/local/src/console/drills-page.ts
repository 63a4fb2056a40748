/**
 * The Drills page: what an SRE keeps open during a drill. Where api.stride.local points and the
 * health checks right now; start a scenario (preflight reasons shown when refused); the running
 * drill's phases, viewer counts and live timeline; stop (rolls back); past reports.
 */
export const DRILLS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stride drills</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/uplot.css">
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#111;max-width:1150px}h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.5rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.ok{color:#0a7a2f;font-weight:600}.bad{color:#b00020;font-weight:600}.muted{color:#555}
.strip{display:flex;gap:1.5rem;flex-wrap:wrap;padding:.6rem .8rem;background:#f4f5f7;border-radius:6px}
.counters{display:flex;gap:1rem}.counters div{border:1px solid #ccd;border-radius:6px;padding:.4rem .8rem}.counters b{display:block;font-size:1.4rem}
[role=alert]{color:#b00020}
</style></head><body>
<h1>Stride drills</h1><p><a href="/">Console</a></p>
<div class="strip" aria-live="polite">
<span>api.stride.local → <strong id="answer">…</strong></span><span>CDN resolves to <strong id="cf">…</strong></span>
<span>us-east-1 check <strong id="hc-us-east-1">…</strong></span><span>us-west-1 check <strong id="hc-us-west-1">…</strong></span>
<span>replication <strong id="repl">…</strong></span>
</div>
<h2>Start a drill</h2>
<form id="start">
<label for="scenario">Scenario</label> <select id="scenario" name="scenario"></select>
<label for="viewers">Light viewers</label> <input id="viewers" name="viewers" type="number" min="1" max="100" value="6" style="width:4rem">
<button type="submit" id="start-button">Start</button> <button type="button" id="stop-button" disabled>Stop (roll back)</button>
<p id="summary" class="muted"></p>
<div id="problem" role="alert"></div>
</form>
<h2>Running drill</h2>
<div id="running"><p class="muted">No drill is running.</p></div>
<div id="chart"></div>
<h2>Past drills</h2>
<table id="past"><thead><tr><th>started</th><th>scenario</th><th>verdict</th><th>plays</th><th>failed plays</th><th>record</th></tr></thead><tbody></tbody></table>
<script src="/assets/uplot.js"></script>
<script>
let scenarios = [];
let plot = null;
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; };
function showSummary() { const s = scenarios.find((x) => x.name === $('scenario').value); $('summary').textContent = s ? s.summary + ' ' + s.expects : ''; }
$('scenario').onchange = showSummary;
$('start').onsubmit = async (event) => {
  event.preventDefault(); $('problem').replaceChildren();
  const r = await fetch('/api/drills', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: $('scenario').value, viewers: Number($('viewers').value) }) });
  if (!r.ok) { const b = await r.json(); $('problem').append(el('p', b.error)); const ul = el('ul'); for (const reason of b.reasons || []) ul.append(el('li', reason)); $('problem').append(ul); }
  refresh();
};
$('stop-button').onclick = async () => { $('stop-button').disabled = true; await fetch('/api/drills/current', { method: 'DELETE' }); refresh(); };
function chart(live) {
  const regions = [...new Set(live.series.flatMap((s) => Object.keys(s.requestsByRegion)))].sort();
  const data = [live.series.map((s) => s.t), ...regions.map((r) => live.series.map((s) => s.requestsByRegion[r] || 0)), live.series.map((s) => s.errors), live.series.map((s) => s.playsInProgress), live.series.map((s) => s.failedPlays)];
  const key = regions.join();
  if (!plot || plot.key !== key) {
    if (plot) plot.destroy();
    const colors = ['#1a73e8', '#e37400'];
    const phases = () => (window.livePhases || []);
    plot = new uPlot({ width: Math.min(1100, innerWidth - 40), height: 300, scales: { x: { time: false } }, axes: [{ label: 'seconds' }, { label: 'per second' }],
      series: [{ label: 's' }, ...regions.map((r, i) => ({ label: 'API answers ' + r, stroke: colors[i % 2], width: 2 })), { label: 'failed requests', stroke: '#d93025', width: 2 }, { label: 'plays in progress', stroke: '#188038', dash: [4, 2] }, { label: 'failed plays', stroke: '#b3261e', width: 2 }],
      hooks: { draw: [(u) => { const c = u.ctx; c.save(); c.setLineDash([5, 4]); c.font = '11px system-ui'; phases().forEach((p, i) => { const x = u.valToPos(p.t, 'x', true); c.strokeStyle = '#5f6368'; c.beginPath(); c.moveTo(x, u.bbox.top); c.lineTo(x, u.bbox.top + u.bbox.height); c.stroke(); c.fillText(p.name, x + 3, u.bbox.top + 12 + (i % 4) * 13); }); c.restore(); }] } }, data, $('chart'));
    plot.key = key;
  } else plot.setData(data);
}
async function refresh() {
  const [state, drills] = await Promise.all([fetch('/api/state').then((r) => r.json()), fetch('/api/drills').then((r) => r.json())]);
  $('answer').textContent = state.dns.answer; $('cf').textContent = state.dns.cloudFrontResolvesTo || '(not resolved yet)';
  for (const h of state.healthChecks) { const e = $('hc-' + h.region); if (e) { e.textContent = h.status; e.className = h.status === 'Healthy' ? 'ok' : 'bad'; } }
  $('repl').textContent = state.replication.paused ? 'PAUSED (' + state.replication.pending + ' pending)' : 'lag ' + state.replication.lagMs + ' ms, ' + state.replication.pending + ' pending';
  if (scenarios.length === 0) { scenarios = drills.scenarios; for (const s of scenarios) $('scenario').append(new Option(s.name, s.name)); showSummary(); }
  const running = drills.running;
  $('stop-button').disabled = !running; $('start-button').disabled = !!running;
  const box = $('running'); box.replaceChildren();
  if (drills.lastError) box.append(el('p', 'The last drill failed: ' + drills.lastError, 'bad'));
  if (!running || !running.live) { box.append(el('p', running ? 'Starting ' + running.id + '…' : 'No drill is running.', 'muted')); return renderPast(drills.past); }
  const live = running.live;
  const applied = live.phases.find((p) => p.name === 'fault-applied');
  window.livePhases = live.phases.map((p) => ({ name: p.name, t: (p.at - live.startedAt) / 1000 }));
  box.append(el('p', live.scenario + ': ' + live.status + ', ' + ((Date.now() - live.startedAt) / 1000).toFixed(0) + ' s'));
  const counters = el('div', undefined, 'counters');
  for (const [label, n, bad] of [['plays', live.plays, false], ['failed plays', live.failedPlays, live.failedPlays > 0], ['stalls over 2 s', live.stalls, live.stalls > 0]]) { const d = el('div'); d.append(el('b', n, bad ? 'bad' : 'ok'), label); counters.append(d); }
  box.append(counters);
  const table = el('table'); const head = table.insertRow(); for (const h of ['phase', 'at', 'since the fault']) head.append(el('th', h));
  for (const p of live.phases) { const tr = table.insertRow(); tr.insertCell().textContent = p.name; tr.insertCell().textContent = new Date(p.at).toISOString().slice(11, 23); tr.insertCell().textContent = applied ? ((p.at - applied.at) / 1000).toFixed(1) + ' s' : ''; }
  box.append(table);
  chart(live);
  renderPast(drills.past);
}
function renderPast(past) {
  const body = document.querySelector('#past tbody'); body.replaceChildren();
  for (const d of past) {
    const tr = body.insertRow();
    tr.insertCell().textContent = d.startedAt.slice(0, 19).replace('T', ' '); tr.insertCell().textContent = d.scenario;
    const v = tr.insertCell(); v.textContent = d.verdict; v.className = d.verdict === 'held' ? 'ok' : 'bad';
    tr.insertCell().textContent = d.plays; tr.insertCell().textContent = d.failedPlays;
    const links = tr.insertCell();
    for (const f of ['report.html', 'journal.json', 'junit.xml']) { const a = el('a', f); a.href = '/api/drills/' + encodeURIComponent(d.id) + '/' + f; links.append(a, ' '); }
  }
}
refresh(); setInterval(() => refresh().catch(() => undefined), 1000);
</script></body></html>`;

/** The SRE page: polls /api/state every second and flips reserved concurrency per region. */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stride local console</title><link rel="icon" href="data:,">
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#111}h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.5rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.Healthy,.true{color:#0a7a2f;font-weight:600}.Unhealthy,.false{color:#b00020;font-weight:600}button{margin-right:.3rem}
</style></head><body>
<h1>Stride local console</h1>
<p><a href="/drills">Drills</a>: run a failover drill and watch it, past reports</p>
<p>api.stride.local → <strong id="answer">…</strong> (CloudFront resolves to <strong id="cf">…</strong>, TTL <span id="ttl"></span> s)</p>
<h2>Regions</h2><table id="regions"><thead><tr><th>region</th><th>reserved concurrency</th><th>throttled</th><th>health check</th><th>healthy checkers</th><th></th></tr></thead><tbody></tbody></table>
<h2>Launch calendar</h2><p id="calendar-source">…</p>
<table id="calendar"><thead><tr><th>launch (UTC)</th><th>when</th><th>program</th><th>licensed in</th><th>state</th></tr></thead><tbody></tbody></table>
<p>Program files against the live release: <span id="calendar-changes">…</span> (<code>npm run launch -- publish</code> makes them live)</p>
<h2>CloudFront cache</h2><p id="cache"></p>
<h2>Recent requests</h2><table id="log"><thead><tr><th>time</th><th>method</th><th>path</th><th>status</th><th>cache</th><th>edge ms</th><th>origin</th><th>region</th></tr></thead><tbody></tbody></table>
<script>
const cell = (tr, text, cls) => { const td = tr.insertCell(); td.textContent = String(text); if (cls !== undefined) td.className = String(cls); return td; };
async function setConcurrency(region, value) {
  await fetch('/api/regions/' + region + '/concurrency', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reservedConcurrency: value }) });
  refresh();
}
async function refresh() {
  const s = await (await fetch('/api/state')).json();
  document.getElementById('answer').textContent = s.dns.answer;
  document.getElementById('cf').textContent = s.dns.cloudFrontResolvesTo ?? '(not resolved yet)';
  document.getElementById('ttl').textContent = s.dns.ttlSeconds;
  const regions = document.querySelector('#regions tbody'); regions.replaceChildren();
  for (const r of s.regions) {
    const hc = s.healthChecks.find((h) => h.region === r.region);
    const tr = regions.insertRow();
    cell(tr, r.region); cell(tr, r.reservedConcurrency === null ? 'unreserved' : r.reservedConcurrency); cell(tr, r.throttled);
    cell(tr, hc.status, hc.status); cell(tr, hc.healthyCheckers + ' / ' + hc.checkers.length);
    const actions = tr.insertCell();
    const kill = document.createElement('button'); kill.textContent = 'Set concurrency 0'; kill.onclick = () => setConcurrency(r.region, 0);
    const restore = document.createElement('button'); restore.textContent = 'Restore'; restore.onclick = () => setConcurrency(r.region, null);
    actions.append(kill, restore);
  }
  document.getElementById('cache').textContent = s.cache.hits + ' hits, ' + s.cache.misses + ' misses, ' + s.cache.objects + ' objects';
  const log = document.querySelector('#log tbody'); log.replaceChildren();
  for (const e of s.recentRequests) {
    const tr = log.insertRow();
    cell(tr, e.time.slice(11, 23)); cell(tr, e.method); cell(tr, e.path); cell(tr, e.status); cell(tr, e.cache); cell(tr, e.edgeMs); cell(tr, e.origin ?? ''); cell(tr, e.region ?? '');
  }
}
async function refreshCalendar() {
  const c = await (await fetch('/api/calendar')).json();
  document.getElementById('calendar-source').textContent = 'As viewers see it, from ' + c.source + ', as of ' + c.calendar.asOf.slice(0, 16).replace('T', ' ') + ' UTC';
  const body = document.querySelector('#calendar tbody'); body.replaceChildren();
  const row = (p, state) => {
    const tr = body.insertRow();
    cell(tr, new Date(p.launchAt).toISOString().slice(0, 16).replace('T', ' ')); cell(tr, p.inWords); cell(tr, p.title + ' (' + p.slug + ')');
    cell(tr, p.countries ? p.countries.join(', ') : 'everywhere'); cell(tr, state);
  };
  for (const p of c.calendar.scheduled) row(p, 'scheduled: coming soon');
  for (const p of c.calendar.live) row(p, 'live');
  const changes = c.changedSinceLive === null ? ['nothing published yet'] : c.changedSinceLive;
  document.getElementById('calendar-changes').textContent = changes.concat(c.problems.map((p) => 'problem: ' + p)).join('; ');
}
refresh(); setInterval(() => refresh().catch(() => undefined), 1000);
refreshCalendar().catch(() => undefined); setInterval(() => refreshCalendar().catch(() => undefined), 5000);
</script></body></html>`;

import { escapeMarkup as esc, scriptJson, uplotAsset } from '../../drill/src/record/html';
import type { Report } from './analysis';
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)} %`);
const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
const usd = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** In words, for marketing and the SRE on call. */
export function plainVerdict(r: Report): string {
  const failed = r.checks.filter((c) => !c.ok);
  const base = `${r.arrivals.arrivedViewers} of ${r.arrivals.targetViewers} viewers arrived (peak ${r.arrivals.peakAchievedPerSec}/s against a target of ${r.arrivals.peakTargetPerSec}/s), ${pct(r.cacheHitRatio)} of cacheable requests were cache hits, ${r.errors} errors, p99 ${ms(r.latency.allP99Ms)}.`;
  return failed.length === 0 ? `Held. ${base}` : `Did not hold (${failed.map((c) => c.name).join('; ')}). ${base}`;
}

/** report.html: self-contained (uPlot inlined, data embedded). */
export function reportHtml(r: Report): string {
  const origins = [...new Set(r.series.origin.flatMap((p) => Object.keys(p.perSec)))].sort();
  const chart = {
    x: r.series.t,
    target: r.series.target,
    achieved: r.series.achieved,
    requests: r.series.requests,
    errors: r.series.errors,
    originT: r.series.origin.map((p) => p.t),
    origins,
    origin: origins.map((o) => r.series.origin.map((p) => p.perSec[o] ?? 0)),
    phases: r.arrivals.phases,
  };
  const row = (cells: (string | number)[]) => `<tr>${cells.map((c) => `<td>${typeof c === 'number' ? c : esc(c)}</td>`).join('')}</tr>`;
  const costTable = (title: string, c: Report['cost']['perMillionViews']['lambdaEdgeRouting']) =>
    `<h3>${esc(title)}: ${usd(c.totalUsd)} per million views</h3><table><tr><th>item</th><th>quantity</th><th>USD</th><th>price</th><th>published at (as of)</th></tr>${c.lines
      .map(
        (l) =>
          `<tr><td>${esc(l.item)}</td><td>${l.quantity.toLocaleString('en-US')}</td><td>${usd(l.usd)}</td><td>${esc(l.price)}</td><td><a href="${esc(l.source)}">${esc(l.source)}</a> (${esc(l.asOf)})</td></tr>`,
      )
      .join('')}</table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rehearsal ${esc(r.profile)}: ${r.verdict}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${uplotAsset('css')}
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
.verdict{font-size:1.15rem;padding:.8rem 1rem;border-radius:6px;margin:1rem 0} .held{background:#e6f4ea;border:1px solid #34a853} .not-held{background:#fce8e6;border:1px solid #d93025}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%} td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top} th{background:#f3f4f6}
.ok{color:#137333} .bad{color:#b3261e;font-weight:600} .muted{color:#5f6368} #chart{margin:1rem 0}
</style></head><body>
<h1>Launch rehearsal: ${esc(r.profile)}</h1>
<p class="muted">${esc(r.description)} Against ${esc(r.siteUrl)}, ${esc(r.startedAt)} → ${esc(r.endedAt)}. Machine: ${r.machine.cpus} CPUs, ${esc(r.machine.uptime)}.</p>
<div class="verdict ${r.verdict}">${esc(plainVerdict(r))}</div>
<table><tr><th>threshold</th><th>seen</th><th>bound</th><th>held</th></tr>${r.checks.map((c) => `<tr><td>${esc(c.name)}</td><td>${c.seen}</td><td>${esc(c.threshold)}</td><td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? 'yes' : 'no'}</td></tr>`).join('')}</table>
<h2>Arrivals and load</h2>
<p class="muted">Viewers arriving per second (target dashed, achieved solid), requests answered and errors per second (left axis), origin requests per second per origin (right axis); dashed verticals mark the phases.</p>
<div id="chart"></div>
<h2>Latency and errors per kind of request</h2>
<table><tr><th>request</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>errors</th><th>unexpected statuses</th></tr>
${Object.entries(r.latency.byRequestKind)
  .map(([k, v]) =>
    row([
      k,
      v.count,
      ms(v.p50Ms),
      ms(v.p95Ms),
      ms(v.p99Ms),
      v.errors,
      Object.entries(v.errorStatuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ') || '—',
    ]),
  )
  .join('\n')}
</table>
<p>Unanswered requests: ${r.errorsDetail.unanswered}; answers the load tool mispaired after a reset connection: ${r.errorsDetail.mispaired}. Viewers in load-tool runs stopped at the drain limit: ${r.arrivals.stoppedJourneys}.</p>
<h2>The CDN</h2>
<table><tr><th>content kind</th><th>requests</th><th>hits</th><th>misses</th><th>of which collapsed</th><th>from viewer-request</th><th>hit ratio</th><th>bytes out</th></tr>
${Object.entries(r.cdn.cacheByKind)
  .map(([k, c]) => row([k, c.requests, c.hits, c.misses, c.collapsed, c.generated, pct(c.hitRatio), c.bytesOut]))
  .join('\n')}
</table>
<table><tr><th>behavior</th><th>requests</th><th>hit ratio</th></tr>${Object.entries(r.cdn.cacheByBehavior)
    .map(([k, c]) => row([k, c.requests, pct(c.hitRatio)]))
    .join('')}</table>
<table><tr><th>origin</th><th>requests</th><th>peak per second</th></tr>${Object.entries(r.cdn.originRequestsByOrigin)
    .map(([k, o]) => row([k, o.total, o.peakPerSec]))
    .join('')}</table>
<table><tr><th>edge function</th><th>invocations</th><th>mean run time</th><th>peak per second</th></tr>${Object.entries(
    r.cdn.edgeInvocations,
  )
    .map(([k, e]) => row([k, e.count, `${e.avgMs} ms`, e.peakPerSec]))
    .join('')}</table>
<h2>Lambda, DynamoDB and quotas at ${r.projection.peakArrivalsPerSec} viewers/s</h2>
<p>API median answer ${r.lambda.apiMedianMs} ms (billed as its duration) at ${r.lambda.apiMemoryMb} MB, reserved concurrency ${r.lambda.reservedConcurrency ?? 'none (the account’s 1,000)'}; locally at most ${Object.entries(
    r.lambda.localRegions,
  )
    .map(([k, v]) => `${v.peakRunning} running in ${k} (${v.throttled} throttled)`)
    .join(
      ', ',
    )}. DynamoDB: ${r.dynamo.readUnitsEstimated} read units and ${r.dynamo.writeUnitsEstimated} write units estimated from the API requests; ${r.dynamo.itemWritesMeasured} item writes measured (replicated to the other region).</p>
<table><tr><th>figure</th><th>value</th><th>limit</th><th>quota</th><th>crosses</th></tr>${r.projection.quotaChecks.map((q) => `<tr><td>${esc(q.what)}</td><td>${q.value}</td><td>${q.limit}</td><td><a href="${esc(q.source)}">${esc(q.quota)}</a></td><td class="${q.crosses ? 'bad' : 'ok'}">${q.crosses ? 'yes' : 'no'}</td></tr>`).join('')}</table>
<h2>What a million views cost</h2>
<p class="muted">A view: ${esc(r.cost.view)}.</p>
${costTable('Lambda@Edge doing the routing (as deployed)', r.cost.perMillionViews.lambdaEdgeRouting)}
${costTable('CloudFront Functions doing the routing', r.cost.perMillionViews.cloudFrontFunctionsRouting)}
<p>${esc(r.cost.tradeOff)}</p>
<h2>What the local stack does not model</h2>
<ul>${r.notModelled.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
<script type="application/json" id="chart-data">${scriptJson(chart)}</script>
<script>${uplotAsset('js')}</script>
<script>
(function () {
  var d = JSON.parse(document.getElementById('chart-data').textContent);
  var colors = ['#8430ce', '#12b5cb', '#e37400', '#5f6368', '#1e8e3e', '#9334e6'];
  // Origin rates are read once a second from the console; put them on the same seconds.
  var origin = d.origins.map(function (name, i) { return d.x.map(function (s) { var j = d.originT.findIndex(function (t) { return t >= s + 1; }); return j < 0 ? null : d.origin[i][j]; }); });
  var series = [{ label: 's' },
    { label: 'target viewers/s', stroke: '#1a73e8', width: 2, dash: [6, 4], scale: 'v' },
    { label: 'viewers arrived/s', stroke: '#1a73e8', width: 2, scale: 'v' },
    { label: 'requests/s', stroke: '#188038', width: 1, scale: 'v' },
    { label: 'errors/s', stroke: '#d93025', width: 2, scale: 'v' }];
  d.origins.forEach(function (o, i) { series.push({ label: 'origin ' + o + '/s', stroke: colors[i % colors.length], width: 1, scale: 'o' }); });
  function phaseLines(u) {
    var ctx = u.ctx; ctx.save(); ctx.setLineDash([5, 4]); ctx.lineWidth = 1; ctx.font = '11px system-ui'; ctx.fillStyle = '#3c4043';
    d.phases.forEach(function (p, i) { var x = u.valToPos(p.t, 'x', true); ctx.strokeStyle = '#5f6368'; ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.fillText(p.name, x + 3, u.bbox.top + 12 + (i % 4) * 13); });
    ctx.restore();
  }
  new uPlot({ width: Math.min(1060, window.innerWidth - 40), height: 380, scales: { x: { time: false }, v: { range: function (u, min, max) { return [0, Math.max(1, max)]; } }, o: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
    axes: [{ label: 'seconds since the rehearsal started' }, { scale: 'v', label: 'viewers, requests, errors per second' }, { scale: 'o', side: 1, label: 'origin requests per second', grid: { show: false } }],
    series: series, hooks: { draw: [phaseLines] } }, [d.x, d.target, d.achieved, d.requests, d.errors].concat(origin), document.getElementById('chart'));
})();
</script>
</body></html>
`;
}

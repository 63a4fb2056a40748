import { HEDGE_READ_AFTER_MS } from '@stride/contract/region-routing';
import type { Durations } from '../phases';
import { escapeMarkup as esc, scriptJson, uplotAsset } from './html';
import type { Journal } from './journal';

const secs = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

const PHASE_TEXT: Readonly<Record<string, string>> = {
  'fault-applied': 'The fault was injected.',
  'first-viewer-error': 'A viewer’s request failed for the first time.',
  'health-check-unhealthy': 'Route 53’s health check declared the primary unhealthy.',
  'dns-flipped': 'The viewers’ resolver started answering the secondary region.',
  'first-success-elsewhere': 'A viewer was served by the secondary region for the first time.',
  'fault-removed': 'The fault was removed (rollback).',
  'dns-back': 'The viewers’ resolver answered the primary again.',
  'steady-again': 'Both regions healthy, DNS on the primary, nothing injected: steady again.',
};

/** The verdict in plain words, for someone who was not there. */
export function plainVerdict(journal: Journal): string {
  const v = journal.viewers;
  if (journal.verdict === 'held')
    return `The hypothesis held: during "${journal.scenario}", ${v.plays} plays started and viewers felt nothing: no failed play, no stall, no lost write.`;
  const hurt = [
    v.failedPlays > 0 ? `${v.failedPlays} of ${v.plays} plays failed` : '',
    v.stalls > 0 ? `${v.stalls} stalls over 2 s` : '',
    v.lostWrites > 0 ? `${v.lostWrites} writes were lost` : '',
  ].filter(Boolean);
  return `The hypothesis did not hold: ${hurt.length > 0 ? `viewers were hurt (${hurt.join(', ')}).` : 'see why below.'}`;
}

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const signedMs = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${Math.round(value)} ms`);

const POPULATION_NAMES = { light: 'light viewers (HTTP)', realWeb: 'real players, web pages', realTv: 'real players, TV pages' } as const;

/**
 * The figures issue 13 is judged by, each with a sentence saying what it is: play-start latency
 * before and during the fault, the replication lag, how far back failover resumed viewers, and
 * sign-ins during the fault.
 */
export function figuresHtml(journal: Journal): string {
  const f = journal.figures;
  const goal = f.addedP99GoalMs;
  const rows = (Object.keys(POPULATION_NAMES) as (keyof typeof POPULATION_NAMES)[]).flatMap((key) => {
    const split = f.playStart[key];
    if (!split) return [];
    const added = split.addedP99Ms;
    const verdict = added === null ? 'not measured' : added <= goal ? 'met' : 'missed';
    return [
      `<tr><td>${esc(POPULATION_NAMES[key])}</td><td>${split.before.plays}: ${ms(split.before.p50Ms)} / ${ms(split.before.p99Ms)}</td><td>${split.during.plays}: ${ms(split.during.p50Ms)} / ${ms(split.during.p99Ms)}</td><td>${split.after.plays}: ${ms(split.after.p50Ms)} / ${ms(split.after.p99Ms)}</td><td class="${verdict === 'missed' ? 'bad' : verdict === 'met' ? 'ok' : 'muted'}">${signedMs(added)} (${verdict})</td></tr>`,
    ];
  });
  const lag = f.replicationLag;
  const r = f.failoverResumes;
  const s = f.signInsDuringFault;
  const tries = f.apiTries;
  const resumeRows = r.each
    .map(
      (e) =>
        `<tr><td>${esc(e.viewer)}</td><td>${(e.savedBeforeResumeMs / 1000).toFixed(1)} s</td><td>${e.backSec.toFixed(1)} s</td><td class="${e.beyondLag ? 'bad' : 'ok'}">${e.beyondLag ? 'further back than the lag explains' : 'within what the lag explains'}</td></tr>`,
    )
    .join('');
  return `<h2>What the fault cost (issue 13's goals)</h2>
<h3>Play start before and during the fault</h3>
<p>How long a viewer waited between pressing play and the first frame (light viewers: the first segment arrived; real players: the video was playing), split by when play was pressed: before the fault, while it was in place, and after it was removed. Each cell is plays: p50 / p99. Each light viewer's first play is a warm-up and is left out (it signs in and fills the CDN's cache, which every later play finds ready); each real player warms up with a play that is not timed. Warm plays are compared with warm plays. Plays that never started are not in these figures: they are failed plays, counted above. The goal: a play started during the fault takes at most ${(goal / 1000).toFixed(1)} s longer at p99 than one started before it.</p>
${rows.length > 0 ? `<table><tr><th>who</th><th>before the fault</th><th>during</th><th>after</th><th>added p99 (during − before)</th></tr>${rows.join('')}</table>` : '<p class="muted">No play reached its first frame.</p>'}
<h3>Replication lag</h3>
<p>Every few seconds a probe account saved progress through the primary's own path (<code>/api/region/primary/…</code>) and read the secondary's (<code>/api/region/secondary/…</code>) every 100 ms until the save showed there. The lag is the time from the primary's acknowledgement to the first read that showed it (so at most 100 ms too long, and including one trip through the CDN, as a viewer's read would). While the primary is down nothing can be measured; those minutes have no probes.</p>
<div class="cards"><div class="card"><b>${ms(lag.p50Ms)}</b>lag p50</div><div class="card"><b>${ms(lag.maxMs)}</b>lag max</div><div class="card"><b>${lag.seen} of ${lag.probes}</b>probes seen in the secondary within 20 s</div></div>
<h3>Resumed after failover</h3>
<p>As the region fault begins, each light viewer opens its workout on another device (its session, none of this device's outbox) and reads the resume point. Where the secondary answered while the viewer's newest acknowledged save had been taken by the primary, this says how far back (seconds of video) the secondary put them compared with that save. A save made less than the replication lag before the read may not have reached the secondary (the viewer resumes at the save before it, up to one save interval, 10 s, back); a save older than the largest lag measured should have, and a resume that missed it is flagged. ${r.viewers === 0 ? 'No viewer was resumed by the secondary after saving in the primary.' : `${r.viewers} viewers; the furthest back ${r.maxBackSec?.toFixed(1) ?? '—'} s; ${r.beyondLag} further back than the lag explains.`}</p>
${resumeRows ? `<table><tr><th>viewer</th><th>newest save taken by the primary, before the read</th><th>resumed back</th><th>against the lag (max ${ms(lag.maxMs)})</th></tr>${resumeRows}</table>` : ''}
<h3>Signing in during the fault</h3>
<p>Light viewers sign in again (as from another device) every few plays, through the app's request function, so sign-ins happen while the fault is in place. ${s.attempts === 0 ? 'No sign-in was attempted during the fault.' : `${s.succeeded} of ${s.attempts} sign-ins during the fault succeeded${s.answeredElsewhere > 0 ? `, ${s.answeredElsewhere} of them answered by the secondary` : ''}.`}</p>
<p class="muted">The light viewers' API tries by route (the app's request function: the default path first, a read hedged to the other region after ${HEDGE_READ_AFTER_MS} ms, a failed request sent to the regions' pinned paths): ${tries.default} on the default path, ${tries.secondary} on the secondary's pinned path, ${tries.primary} on the primary's, ${tries.hedges} of them hedges.</p>`;
}

/** report.html: self-contained (uPlot inlined, data embedded), readable without the drill's author. */
export function reportHtml(journal: Journal, durations: Durations, scenarioSummary: string): string {
  // uPlot inlined, so the report needs no network.
  const js = uplotAsset('js');
  const css = uplotAsset('css');
  const start = Date.parse(journal.method.startedAt);
  const applied = journal.phases.find((p) => p.name === 'fault-applied');
  const since = (at: string) => (applied ? `${((Date.parse(at) - Date.parse(applied.at)) / 1000).toFixed(1)} s` : '—');
  const regions = [...new Set(journal.series.flatMap((s) => Object.keys(s.requestsByRegion)))].sort();
  const chart = {
    x: journal.series.map((s) => s.t),
    regions,
    requests: regions.map((r) => journal.series.map((s) => s.requestsByRegion[r] ?? 0)),
    errors: journal.series.map((s) => s.errors),
    playing: journal.series.map((s) => s.playsInProgress),
    failedPlays: journal.series.map((s) => s.failedPlays),
    phases: journal.phases.map((p) => ({ name: p.name, t: (Date.parse(p.at) - start) / 1000 })),
  };
  const s = journal.method.settings;
  const v = journal.viewers;
  const checkRows = (title: string, check: Journal['steadyState']['before']) =>
    check
      ? `<h3>${esc(title)}: ${check.held ? 'held' : 'did not hold'}</h3><table><tr><th>condition</th><th>result</th><th>seen</th></tr>${check.checks.map((c) => `<tr><td>${esc(c.name)}</td><td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? 'yes' : 'no'}</td><td>${esc(c.seen)}</td></tr>`).join('')}</table>`
      : `<h3>${esc(title)}: not checked</h3>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Drill ${esc(journal.scenario)}: ${esc(journal.verdict)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${css}
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{margin-bottom:.2rem} .verdict{font-size:1.2rem;padding:.8rem 1rem;border-radius:6px;margin:1rem 0}
.held{background:#e6f4ea;border:1px solid #34a853} .deviated{background:#fce8e6;border:1px solid #d93025}
.cards{display:flex;gap:1rem;flex-wrap:wrap} .card{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem} table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top} th{background:#f3f4f6}
.ok{color:#137333} .bad{color:#b3261e;font-weight:600} .muted{color:#5f6368} #chart{margin:1rem 0}
</style></head><body>
<h1>Drill: ${esc(journal.scenario)}</h1>
<p class="muted">${esc(scenarioSummary)} Target: ${esc(journal.method.target)} (${esc(journal.method.siteUrl)}), ${esc(journal.method.startedAt)} → ${esc(journal.method.endedAt)}.</p>
<div class="verdict ${journal.verdict}"><strong>${journal.verdict === 'held' ? 'Held' : 'Deviated'}.</strong> ${esc(plainVerdict(journal))}
${journal.steadyState.deviations.length > 0 ? `<ul>${journal.steadyState.deviations.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>` : ''}</div>
<h2>Viewer impact</h2>
<div class="cards">
<div class="card"><b>${v.plays}</b>plays started</div>
<div class="card"><b class="${v.failedPlays > 0 ? 'bad' : 'ok'}">${v.failedPlays}</b>failed plays</div>
<div class="card"><b class="${v.stalls > 0 ? 'bad' : 'ok'}">${v.stalls}</b>stalls over 2 s</div>
<div class="card"><b class="${v.lostWrites > 0 ? 'bad' : 'ok'}">${v.lostWrites}</b>lost writes (of ${v.detail.writes})</div>
<div class="card"><b>${v.detail.playStartMs.p99 === null ? '—' : `${v.detail.playStartMs.p99} ms`}</b>play start p99 (p50 ${v.detail.playStartMs.p50 ?? '—'} ms)</div>
<div class="card"><b>${v.detail.resumedBack.count}</b>resumes that went back (furthest ${v.detail.resumedBack.maxSec.toFixed(1)} s)</div>
</div>
<p class="muted">A failed play: no first segment within 10 s of pressing play, or an error the player would show. A lost write: a progress save or view milestone the viewer made that is not in the table of the region serving at the end (${esc(v.detail.servingRegion)}); ${v.detail.lostProgressSaves} progress saves, ${v.detail.lostMilestones} milestones. ${v.detail.divergentRows} rows differ between the two regions' tables at the end.</p>
${figuresHtml(journal)}
${
  v.detail.realPlayers
    ? `<p class="muted">Of these, real players (Chromium, alternately on web and TV pages): ${v.detail.realPlayers.plays} plays, ${v.detail.realPlayers.failedPlays} failed, ${v.detail.realPlayers.stalls} stalls, ${v.detail.realPlayers.lostWrites} lost writes. A real player's write is lost when it was still in the app's own outbox (localStorage) after the players left the player page and the outbox had its drain time (${v.detail.realPlayers.unacknowledgedWrites}), or when a player's newest progress save had left the outbox but the serving region's table holds an older one (${v.detail.realPlayers.finalSaveNotInTable}).</p>`
    : ''
}
<h2>Timeline</h2>
<p class="muted">API answers per second by region, failed requests, plays in progress and failed plays; dashed lines mark the phases.</p>
<div id="chart"></div>
<h2>Phases</h2>
<table><tr><th>phase</th><th>at</th><th>since the fault</th><th>what happened</th></tr>
${journal.phases.map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.at.slice(11, 23))}</td><td>${since(p.at)}</td><td>${esc(PHASE_TEXT[p.name] ?? '')}</td></tr>`).join('\n')}
</table>
<table><tr><th>measure</th><th>value</th><th>from → to</th></tr>
<tr><td>time to detect</td><td>${secs(durations.timeToDetectMs)}</td><td>fault-applied → health-check-unhealthy</td></tr>
<tr><td>time to DNS flip</td><td>${secs(durations.timeToDnsFlipMs)}</td><td>fault-applied → dns-flipped</td></tr>
<tr><td>failure window</td><td>${secs(durations.failureWindowMs)}</td><td>first → last failed viewer request</td></tr>
<tr><td>way back</td><td>${secs(durations.wayBackMs)}</td><td>fault-removed → dns-back</td></tr>
<tr><td>time to steady state</td><td>${secs(durations.timeToSteadyMs)}</td><td>fault-removed → steady-again</td></tr>
</table>
<h2>Method</h2>
<p>Health checks every ${s.healthCheckIntervalSec} s, failure threshold ${s.failureThreshold}, DNS TTL ${s.dnsTtlSec} s, replication lag ${s.replicationLagMs === null ? 'as AWS runs it' : `${s.replicationLagMs} ms`}. ${journal.method.viewers.light} light viewers (HTTP, the app's retry policy, ${journal.method.viewers.playSec} s per play)${journal.method.viewers.real > 0 ? ` and ${journal.method.viewers.real} real players (Chromium)` : ''}, each its own account.${journal.method.stoppedEarly ? ` Stopped early: ${esc(journal.method.stoppedEarly)}.` : ''}</p>
<table><tr><th>at</th><th>fault applied</th></tr>${journal.method.steps.map((st) => `<tr><td>${esc(st.at.slice(11, 23))}</td><td>${esc(st.action)}</td></tr>`).join('')}</table>
<table><tr><th>at</th><th>rollback (last fault first)</th><th>result</th></tr>${journal.rollback.map((r) => `<tr><td>${esc(r.at.slice(11, 23))}</td><td>${esc(r.action)}</td><td class="${r.ok ? 'ok' : 'bad'}">${r.ok ? 'done' : esc(r.error ?? 'failed')}</td></tr>`).join('')}</table>
<h2>Steady state</h2>
<p>${esc(journal.steadyState.hypothesis)}</p>
${checkRows('Before the fault', journal.steadyState.before)}
${checkRows('After the fault', journal.steadyState.after)}
<script type="application/json" id="chart-data">${scriptJson(chart)}</script>
<script>${js}</script>
<script>
(function () {
  var d = JSON.parse(document.getElementById('chart-data').textContent);
  var colors = ['#1a73e8', '#e37400', '#8430ce', '#12b5cb'];
  var series = [{ label: 's' }];
  d.regions.forEach(function (r, i) { series.push({ label: 'API answers ' + r, stroke: colors[i % colors.length], width: 2 }); });
  series.push({ label: 'failed requests', stroke: '#d93025', width: 2 });
  series.push({ label: 'plays in progress', stroke: '#188038', width: 1, dash: [4, 2] });
  series.push({ label: 'failed plays', stroke: '#b3261e', width: 2, points: { show: true, size: 6 } });
  var data = [d.x].concat(d.requests, [d.errors, d.playing, d.failedPlays]);
  function phaseLines(u) {
    var ctx = u.ctx; ctx.save(); ctx.setLineDash([5, 4]); ctx.lineWidth = 1; ctx.font = '11px system-ui'; ctx.fillStyle = '#3c4043';
    d.phases.forEach(function (p, i) {
      var x = u.valToPos(p.t, 'x', true);
      ctx.strokeStyle = '#5f6368'; ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
      ctx.fillText(p.name, x + 3, u.bbox.top + 12 + (i % 4) * 13);
    });
    ctx.restore();
  }
  new uPlot({ width: Math.min(1060, window.innerWidth - 40), height: 360, scales: { x: { time: false } },
    axes: [{ label: 'seconds since the drill started' }, { label: 'per second' }],
    series: series, hooks: { draw: [phaseLines] } }, data, document.getElementById('chart'));
})();
</script>
</body></html>
`;
}

import autocannon from 'autocannon';
import { journeyKind, type Tick, type Viewer } from './viewers';
import { journeyRequests, journeySteps, type Sample, type SiteFacts } from './journeys';
import type { Profile } from './profile';

export interface LoadResult {
  readonly samples: readonly Sample[];
  /** Requests that got no answer (connection errors, timeouts), per second of the run. */
  readonly transportErrors: readonly { readonly t: number; readonly count: number }[];
  readonly viewersSent: number;
  /** Requests the sent viewers' journeys hold: those with no sample never got an answer. */
  readonly plannedRequests: number;
  /** Journeys still running when the drain time ran out (stopped). */
  readonly stoppedJourneys: number;
}

export interface LoadOptions {
  readonly siteUrl: string;
  readonly site: SiteFacts;
  readonly profile: Profile;
  readonly ticks: readonly Tick[];
  /** Called about once a second with what has happened so far. */
  readonly progress?: (elapsedSec: number, sent: number, answered: number, errors: number) => void;
  readonly signal?: AbortSignal;
}

type Instance = autocannon.Instance;

/**
 * Sends the schedule's viewers with autocannon: at each tick, one autocannon run per group of
 * viewers that share a journey kind and device (the first request of a run is built once for
 * all its connections), one connection per viewer, each connection walking its journey once
 * (`maxConnectionRequests` = the journey's length). Runs overlap freely: arrivals are open-model.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const samples: Sample[] = [];
  const transport = new Map<number, number>();
  /** Runs still going, with how many viewers each carries. */
  const running = new Map<Instance, number>();
  const finished: Promise<void>[] = [];
  const startedAt = performance.now();
  let sent = 0;
  let planned = 0;
  // autocannon stops a run after `duration` seconds (10 by default) without a word: a run may last
  // as long as the whole rehearsal and its drain, and ends when every connection walked its journey.
  const runDurationSec = options.profile.phases.reduce((a, p) => a + p.durationSec, 0) + options.profile.limits.drainSec;
  let stoppedJourneys = 0;
  const record = (s: Sample) => samples.push(s);

  const launch = (viewers: readonly Viewer[]) => {
    const first = viewers[0];
    if (!first) return;
    const kind = journeyKind(first);
    const length = journeySteps(kind, options.site, options.profile.journey).length;
    const instance = autocannon({
      url: options.siteUrl,
      connections: viewers.length,
      maxConnectionRequests: length,
      requests: journeyRequests(kind, options.site, options.profile.journey, viewers, startedAt, record) as unknown as autocannon.Request[],
      // No load-tool timeout inside the run: autocannon reconnects on a timeout without resetting its
      // HTTP parser, which then pairs later answers with the wrong requests. A slow answer is judged
      // against the app's timeout instead (journeys.ts), and one never given counts as unanswered.
      timeout: runDurationSec,
      duration: runDurationSec,
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
    sent += viewers.length;
    planned += viewers.length * length;
    running.set(instance, viewers.length);
    instance.on('reqError', () => {
      const second = Math.floor((performance.now() - startedAt) / 1000);
      transport.set(second, (transport.get(second) ?? 0) + 1);
    });
    finished.push(
      new Promise<void>((resolve) => {
        instance.on('done', () => {
          running.delete(instance);
          resolve();
        });
      }),
    );
  };

  const progressTimer = setInterval(() => {
    const errors = samples.filter((s) => !s.ok).length + [...transport.values()].reduce((a, b) => a + b, 0);
    options.progress?.(Math.round((performance.now() - startedAt) / 1000), sent, samples.length, errors);
  }, 1000);
  try {
    for (const tick of options.ticks) {
      if (options.signal?.aborted) break;
      const wait = startedAt + tick.atMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const groups = new Map<string, Viewer[]>();
      for (const v of tick.viewers) {
        const key = `${journeyKind(v)}|${v.tv ? 'tv' : 'web'}`;
        groups.set(key, [...(groups.get(key) ?? []), v]);
      }
      for (const group of groups.values()) launch(group);
    }
    // Drain: the last viewers finish their journeys, within the profile's bound.
    const drain = new Promise<void>((resolve) => setTimeout(resolve, options.profile.limits.drainSec * 1000).unref());
    await Promise.race([Promise.all(finished), drain]);
  } finally {
    clearInterval(progressTimer);
    for (const [instance, viewers] of running) {
      stoppedJourneys += viewers;
      instance.stop();
    }
  }
  return {
    samples,
    transportErrors: [...transport].map(([t, count]) => ({ t, count })).sort((a, b) => a.t - b.t),
    viewersSent: sent,
    plannedRequests: planned,
    stoppedJourneys,
  };
}

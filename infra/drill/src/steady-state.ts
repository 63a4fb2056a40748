import { isRequest, isSample, type DrillEvent } from './events';
import type { SteadyStateCheck } from './verdict';

/**
 * The steady-state hypothesis checked over a window of the drill's events (pure): both health
 * checks healthy and the viewers' resolver on the primary at every poll, nothing injected at the
 * last poll, every viewer request answered, no play failed.
 */
export function checkSteadyState(events: readonly DrillEvent[], fromMs: number, toMs: number): SteadyStateCheck {
  const window = events.filter((e) => e.t >= fromMs && e.t <= toMs);
  const samples = window.filter(isSample);
  const requests = window.filter(isRequest);
  const failedRequests = requests.filter((r) => !r.ok);
  const failedPlays = window.filter((e) => e.type === 'play-failed').length;
  const last = samples.at(-1);
  const count = (n: number, what: string) => `${n} ${what}`;
  const checks = [
    { name: 'the target was polled', ok: samples.length > 0, seen: count(samples.length, 'polls') },
    {
      name: 'the primary’s health check is healthy',
      ok: samples.length > 0 && samples.every((s) => s.primaryHealthy),
      seen: count(samples.filter((s) => !s.primaryHealthy).length, 'unhealthy polls'),
    },
    {
      name: 'the secondary’s health check is healthy',
      ok: samples.length > 0 && samples.every((s) => s.secondaryHealthy),
      seen: count(samples.filter((s) => !s.secondaryHealthy).length, 'unhealthy polls'),
    },
    {
      name: 'viewers resolve the API to the primary',
      ok: samples.every((s) => s.viewersResolveTo !== 'secondary'),
      seen: count(samples.filter((s) => s.viewersResolveTo === 'secondary').length, 'polls on the secondary'),
    },
    { name: 'nothing is injected', ok: last !== undefined && !last.injected, seen: last?.injected ? 'a fault is in place' : 'none' },
    {
      name: 'viewers’ requests are answered',
      ok: requests.length > 0 && failedRequests.length === 0,
      seen: `${failedRequests.length} of ${requests.length} failed`,
    },
    { name: 'no play fails', ok: failedPlays === 0, seen: count(failedPlays, 'failed plays') },
  ];
  return { held: checks.every((c) => c.ok), checks };
}

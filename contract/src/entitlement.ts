/**
 * Who may watch: the one rule, applied at every door (the edge for pages and page data, the API
 * for playback grants and anything else that reveals a stream, CloudFront's signed cookies for
 * media, which the API only issues after this rule says yes). Dependency-free and synchronous:
 * the edge runs it on the hot path of every program page.
 */

/**
 * Pages only a signed-in viewer may open (the player and the account). The edge checks these
 * prefixes itself, so a page the web build forgets to mark is still protected.
 */
export const SESSION_PAGE_PREFIXES: readonly string[] = ['/watch', '/account'];

/** Each prefix with its `/`, built once rather than on every request. */
const PREFIX_DIRS: readonly (readonly [string, string])[] = SESSION_PAGE_PREFIXES.map((prefix) => [prefix, `${prefix}/`]);

/** `/watch`, `/watch/…`, `/account`, `/account/…` (on a normalized path, compared lowercase). */
export function needsSession(path: string): boolean {
  const lower = path.toLowerCase();
  return PREFIX_DIRS.some(([prefix, dir]) => lower === prefix || lower.startsWith(dir));
}

/** A program's release: when it launches and where it is licensed. */
export interface ProgramRelease {
  /** Milliseconds since the epoch; before it the program is "coming soon". */
  readonly launchAtMs: number;
  /** ISO 3166-1 alpha-2 codes it is licensed in (uppercase); undefined means everywhere. */
  readonly countries: ReadonlySet<string> | undefined;
}

/** From content fields (`launchAt` ISO 8601, `countries`) to the form the rule reads. Built once, not per request. */
export function compileRelease(launchAt: string, countries: readonly string[] | undefined): ProgramRelease {
  const launchAtMs = Date.parse(launchAt);
  if (Number.isNaN(launchAtMs)) throw new Error(`launchAt "${launchAt}" is not an ISO 8601 instant`);
  return { launchAtMs, countries: countries ? new Set(countries.map((c) => c.toUpperCase())) : undefined };
}

export type Availability = 'released' | 'unlicensed' | 'upcoming';

/**
 * Whether a program's content may be shown where the viewer is, now. Licensing fails closed: an
 * unknown country (CloudFront sent none) is outside every licence. The licence is checked before
 * the launch: a viewer outside it is never told about a date that will not apply to them.
 */
export function programAvailability(release: ProgramRelease, country: string | undefined, nowMs: number): Availability {
  if (release.countries && !(country !== undefined && release.countries.has(country))) return 'unlicensed';
  return nowMs >= release.launchAtMs ? 'released' : 'upcoming';
}

export type SubscriptionStatus = 'none' | 'trial' | 'active' | 'expired';

export interface Subscription {
  readonly status: SubscriptionStatus;
  /** When a trial or a paid period ends (ms since the epoch); undefined: no end (or none to end). */
  readonly endsAtMs?: number | undefined;
}

/** Whether a subscription entitles its holder to stream at this instant: a running trial does, an ended one does not. */
export function isEntitled(subscription: Subscription, nowMs: number): boolean {
  if (subscription.status !== 'active' && subscription.status !== 'trial') return false;
  return subscription.endsAtMs === undefined || nowMs < subscription.endsAtMs;
}

export interface WatchQuestion {
  /** The signed-in viewer's subscription, or undefined when there is no valid session. */
  readonly subscription: Subscription | undefined;
  readonly release: ProgramRelease;
  /** `CloudFront-Viewer-Country` as CloudFront set it, uppercase; undefined when it did not. */
  readonly country: string | undefined;
  readonly nowMs: number;
  /**
   * The instant the program's launch is judged at: a preview's for its program
   * (@stride/contract/preview). @default nowMs. The subscription is always judged now.
   */
  readonly launchClockMs?: number;
}

/** Why a viewer may not watch, in the order the rule asks. */
export type Refusal = 'signed-out' | 'unlicensed' | 'not-launched' | 'subscription-required';

export type WatchDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: Refusal; /** With `not-launched`: when it will be. */ readonly availableAtMs?: number };

/**
 * May this viewer watch a workout of this program now? Asked in this order: a session (without
 * one nothing else about the viewer is known), the licence, the launch, then the subscription
 * (nobody is asked to pay for what they could not watch anyway).
 */
export function mayWatch(q: WatchQuestion): WatchDecision {
  if (!q.subscription) return { allowed: false, reason: 'signed-out' };
  const availability = programAvailability(q.release, q.country, q.launchClockMs ?? q.nowMs);
  if (availability === 'unlicensed') return { allowed: false, reason: 'unlicensed' };
  if (availability === 'upcoming') return { allowed: false, reason: 'not-launched', availableAtMs: q.release.launchAtMs };
  if (!isEntitled(q.subscription, q.nowMs)) return { allowed: false, reason: 'subscription-required' };
  return { allowed: true };
}

/**
 * The HTTP status each refusal answers with at the API. Before launch is 403, not 404: the
 * program's existence and date are public already (its coming-soon page and summary), so a 404
 * would hide nothing, and the 403 carries the date the player shows.
 */
export const REFUSAL_STATUS: Readonly<Record<Refusal, 401 | 403 | 451>> = {
  'signed-out': 401,
  unlicensed: 451,
  'not-launched': 403,
  'subscription-required': 403,
};

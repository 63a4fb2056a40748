import { LOCAL_VIEWER_COUNTRY_HEADER } from '../../local/src/cloudfront/viewer-facts';
import type { Profile } from './profile';
import type { JourneyKind, Viewer } from './viewers';
import { ATTEMPT_TIMEOUT_MS } from '@stride/web/region-fallback';

/** The kinds of request a report breaks latency and errors down by. */
export const STEP_KINDS = [
  'page',
  'asset',
  'page-data',
  'sign-in',
  'playback-grant',
  'master-playlist',
  'media-playlist',
  'segment',
  'progress-save',
  'view-milestone',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One answered request, as the load tool saw it. */
export interface Sample {
  /** Milliseconds since the rehearsal started, when the request was sent. */
  readonly t: number;
  readonly step: StepKind;
  readonly status: number;
  readonly ms: number;
  /** The status was one this journey expects (a 451 for a viewer outside the licence is), within the app's timeout. */
  readonly ok: boolean;
  /** Answered, but after the app's request timeout: the viewer had given up. */
  readonly slow: boolean;
  /** The answer's type is not its request's (see CONTENT_TYPES): the load tool lost its place on that connection. */
  readonly mispaired?: boolean;
  /** The first request of a journey: the viewer arrived. */
  readonly arrival: boolean;
}

/** What the journeys need to know about the site, read from it before the rehearsal. */
export interface SiteFacts {
  readonly programSlug: string;
  readonly workoutId: string;
  readonly workoutDurationSec: number;
  /** The JS and CSS the home page loads (hashed, immutable). */
  readonly assets: readonly string[];
  readonly accounts: readonly { readonly email: string; readonly password: string }[];
}

/**
 * What each kind of request answers with. autocannon reconnects when a socket ends mid-answer
 * without resetting its HTTP parser, and from then on may pair an answer with the wrong request; an
 * answer whose type is not its request's is counted as such ("mispaired") instead of as a status.
 */
const CONTENT_TYPES: Readonly<Record<StepKind, RegExp>> = {
  page: /html/,
  asset: /javascript|css/,
  'page-data': /json/,
  'sign-in': /json/,
  'playback-grant': /json/,
  'master-playlist': /mpegurl/i,
  'media-playlist': /mpegurl/i,
  segment: /mp2t|video/,
  'progress-save': /json|^$/,
  'view-milestone': /json|^$/,
};

/** The app's timeout for one try (its request function: 5 s): an answer after it is an error. */
export const APP_TIMEOUT_MS = ATTEMPT_TIMEOUT_MS;

/** Smart-TV user agents the edge (and CloudFront-Is-SmartTV-Viewer) recognise, and a desktop one. */
export const USER_AGENTS = {
  tv: 'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/85.0.4183.93 TV Safari/537.36',
  web: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 stride-rehearsal',
} as const;

/** A viewer's state across its requests (autocannon keeps one per connection). */
interface ViewerContext {
  viewer?: Viewer;
  cookies: Record<string, string>;
  sentAt: number;
  hlsPath?: string;
  mediaPlaylistPath?: string;
  segments?: string[];
}

/** The subset of an autocannon request this module builds. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest: (req: LoadRequest, context: ViewerContext) => LoadRequest;
  onResponse: (status: number, body: string, context: ViewerContext, headers: Record<string, string | string[]>) => void;
}

interface Step {
  readonly kind: StepKind;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: (c: ViewerContext) => string;
  readonly body?: (c: ViewerContext) => unknown;
  readonly expect: (v: Viewer) => number | 'ok';
  readonly read?: (body: string, c: ViewerContext) => void;
}

const resolvePath = (relative: string, base: string): string => new URL(relative, `http://rehearsal${base}`).pathname;
const uriLines = (playlist: string): string[] =>
  playlist
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** The requests of one journey kind, in order (every journey of a kind has the same length). */
export function journeySteps(kind: JourneyKind, site: SiteFacts, journey: Profile['journey']): Step[] {
  const licensed = !kind.endsWith('-unlicensed');
  const browse: Step[] = [
    { kind: 'page', method: 'GET', path: () => '/', expect: () => 200 },
    ...site.assets.map((a): Step => ({ kind: 'asset', method: 'GET', path: () => a, expect: () => 200 })),
    { kind: 'page', method: 'GET', path: () => `/programs/${site.programSlug}`, expect: () => (licensed ? 200 : 451) },
    // Back home from the program page: client-side navigation reads the home page's data.
    { kind: 'page-data', method: 'GET', path: () => '/data/home.json', expect: () => 200 },
  ];
  if (!kind.startsWith('play')) return browse;
  const signIn: Step = {
    kind: 'sign-in',
    method: 'POST',
    path: () => '/api/auth/login',
    body: (c) => {
      const account = site.accounts[(c.viewer?.account ?? 0) % site.accounts.length];
      return { email: account?.email, password: account?.password };
    },
    expect: () => 200,
  };
  const grant: Step = {
    kind: 'playback-grant',
    method: 'GET',
    path: () => `/api/playback/${site.workoutId}`,
    expect: () => (licensed ? 200 : 451),
    read: (body, c) => {
      try {
        const url = (JSON.parse(body) as { hlsUrl?: unknown }).hlsUrl;
        if (typeof url === 'string') c.hlsPath = new URL(url, 'http://rehearsal').pathname;
      } catch {
        // Not JSON: the step is already counted as an error; later steps ask for what they can.
      }
    },
  };
  if (!licensed) return [...browse, signIn, grant];
  const fallbackMaster = `/media/unknown/master.m3u8`;
  const play: Step[] = [
    signIn,
    grant,
    {
      kind: 'master-playlist',
      method: 'GET',
      path: (c) => c.hlsPath ?? fallbackMaster,
      expect: () => 200,
      read: (body, c) => {
        const variant = uriLines(body)[0];
        if (variant) c.mediaPlaylistPath = resolvePath(variant, c.hlsPath ?? fallbackMaster);
      },
    },
    {
      kind: 'media-playlist',
      method: 'GET',
      path: (c) => c.mediaPlaylistPath ?? fallbackMaster,
      expect: () => 200,
      read: (body, c) => {
        c.segments = uriLines(body).map((s) => resolvePath(s, c.mediaPlaylistPath ?? fallbackMaster));
      },
    },
    ...Array.from({ length: journey.segments }, (_, i): Step => ({
      kind: 'segment',
      method: 'GET',
      path: (c) => c.segments?.[i % Math.max(1, c.segments.length)] ?? fallbackMaster,
      expect: () => 200,
    })),
    ...Array.from({ length: journey.progressSaves }, (_, i): Step => ({
      kind: 'progress-save',
      method: 'PUT',
      path: () => `/api/progress/${site.workoutId}`,
      body: () => ({ positionSec: Math.min(site.workoutDurationSec, 10 * (i + 1)), durationSec: site.workoutDurationSec }),
      expect: () => 'ok',
    })),
    {
      kind: 'view-milestone',
      method: 'POST',
      path: () => '/api/views',
      body: (c) => {
        const playId = `rehearsal-${c.viewer?.id ?? 0}`;
        return {
          workoutId: site.workoutId,
          playId,
          event: 'start',
          positionSec: 0,
          durationSec: site.workoutDurationSec,
          eventId: `${playId}:start`,
        };
      },
      expect: () => 'ok',
    },
  ];
  return [...browse, ...play];
}

function storeCookies(context: ViewerContext, header: string | string[] | undefined): void {
  for (const line of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
    const pair = line.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const cleared = value === '' || /;\s*max-age=0\b/i.test(line);
    context.cookies = Object.fromEntries(Object.entries({ ...context.cookies, [name]: value }).filter(([n]) => !(cleared && n === name)));
  }
}

/**
 * autocannon requests for one journey kind: each connection is one viewer, taken in order from
 * `viewers` when its first request is built, who walks the steps once with its own cookies.
 * `record` gets every answer with its latency and whether the journey expected that status.
 */
export function journeyRequests(
  kind: JourneyKind,
  site: SiteFacts,
  journey: Profile['journey'],
  viewers: readonly Viewer[],
  startedAt: number,
  record: (s: Sample) => void,
): LoadRequest[] {
  const steps = journeySteps(kind, site, journey);
  let next = 0;
  return steps.map((step, index) => ({
    method: step.method,
    path: '/',
    setupRequest(req, context) {
      if (index === 0) {
        context.viewer = viewers[Math.min(next++, viewers.length - 1)];
        context.cookies = {};
      }
      const v = context.viewer;
      const cookie = Object.entries(context.cookies ?? {})
        .map(([n, val]) => `${n}=${val}`)
        .join('; ');
      const body = step.body ? JSON.stringify(step.body(context)) : undefined;
      context.sentAt = performance.now();
      return {
        ...req,
        method: step.method,
        path: step.path(context),
        headers: {
          'user-agent': v?.tv ? USER_AGENTS.tv : USER_AGENTS.web,
          [LOCAL_VIEWER_COUNTRY_HEADER]: v?.country ?? 'US',
          ...(cookie ? { cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
      };
    },
    onResponse(status, body, context, headers) {
      const ms = performance.now() - context.sentAt;
      storeCookies(context, headers['set-cookie'] ?? headers['Set-Cookie']);
      const expected = context.viewer ? step.expect(context.viewer) : 200;
      const slow = ms > APP_TIMEOUT_MS;
      const type = headers['content-type'] ?? headers['Content-Type'] ?? '';
      // Errors answer in their own types (CloudFront's XML, the 451 page's HTML): only a success is checked.
      const mispaired = status >= 200 && status < 300 && !CONTENT_TYPES[step.kind].test(Array.isArray(type) ? (type[0] ?? '') : type);
      const ok = (expected === 'ok' ? status >= 200 && status < 300 : status === expected) && !slow && !mispaired;
      step.read?.(body, context);
      record({ t: context.sentAt - startedAt, step: step.kind, status, ms, ok, slow, mispaired, arrival: index === 0 });
    },
  }));
}

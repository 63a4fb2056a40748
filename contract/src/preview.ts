/**
 * Preview links: what a signed preview is and whose clock it changes. One home for the rule, read
 * by who signs a preview (the launch CLI, through the local console or with the session key on
 * AWS), who honours it for pages and page data (the edge's viewer-request) and who honours it for
 * playback (the API).
 *
 * A preview is a JWT signed with the session signing key (the edge already carries its public
 * JWKS), told apart from a session by its audience: a preview is never a sign-in, and a session
 * is never a preview. Its holder sees ONE program as of ONE instant: the program's launch is
 * judged at `asOf` instead of now, for that program only. Licences still apply (a preview is not a
 * way around a territory), and playback still needs a signed-in subscriber.
 *
 * No cache keeps a preview for anyone else: the edge answers a previewed page by routing to the
 * program's own page object, the same object every viewer gets once it launches, and CloudFront
 * keys its cache on the URI the viewer-request sets ("if you want to change a value that you're
 * using as the basis for caching, use the viewer request event", in
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-how-to-choose-event.html),
 * so the coming-soon viewers keep being routed to the coming-soon object. Nothing
 * preview-specific is stored under a shared key; the answers the edge generates itself (the
 * link's redirect, a refusal) are never cached.
 */

import { isSlug } from './ids';
import { programPath } from './urls';

/** `aud` of a preview token; a session's is `stride-viewer` (@stride/contract/session). */
export const PREVIEW_AUDIENCE = 'stride-preview';
/** Where a followed link keeps the token for the pages, page data and playback that follow. */
export const PREVIEW_COOKIE = 'stride_preview';
/** The link carries its token in this query parameter: `https://site/programs/<slug>?preview=<jwt>`. */
export const PREVIEW_QUERY_PARAM = 'preview';
/** A link lasts at most a week: long enough to circulate a launch, short enough to not leak for good. */
export const PREVIEW_MAX_TTL_SEC = 7 * 24 * 3600;
/** How long a link lasts when nobody says (the launch CLI's --expires-in default). */
export const PREVIEW_DEFAULT_TTL_SEC = 3600;

/** The claims a preview carries besides the standard ones (iss, aud, exp, iat). */
export interface PreviewClaims {
  /** The program's slug: the only program the preview changes. */
  readonly program: string;
  /** Its page's canonical path (`/programs/<slug>`), how the edge's routing names programs. */
  readonly programPath: string;
  /** The instant the program is shown as of (ms since the epoch). */
  readonly asOfMs: number;
  /** When the link stops working (ms since the epoch). */
  readonly expiresAtMs: number;
}

/** JWT claim names (short, as registered claims are): `prg` the slug, `asof` epoch seconds. */
export const PREVIEW_CLAIM = { program: 'prg', asOf: 'asof' } as const;

/**
 * The preview's claims from a verified JWT payload, or why they are not a preview's. Signature,
 * issuer, audience and times are the verifier's job; this reads what only a preview has.
 */
export function readPreviewClaims(payload: Readonly<Record<string, unknown>>): PreviewClaims | string {
  const program = payload[PREVIEW_CLAIM.program];
  const asOf = payload[PREVIEW_CLAIM.asOf];
  const exp = payload.exp;
  if (typeof program !== 'string' || !isSlug(program)) return 'preview names no program';
  if (typeof asOf !== 'number' || !Number.isFinite(asOf)) return 'preview has no as-of instant';
  if (typeof exp !== 'number') return 'preview has no exp';
  const iat = typeof payload.iat === 'number' ? payload.iat : undefined;
  // Minted with a longer life than the rule allows: refused, whatever signed it.
  if (iat !== undefined && exp - iat > PREVIEW_MAX_TTL_SEC) return 'preview lasts longer than a week';
  return { program, programPath: programPath(program), asOfMs: asOf * 1000, expiresAtMs: exp * 1000 };
}

/**
 * The instant a program's launch is judged at: the preview's `asOf` for the previewed program
 * (named by its page path, `/programs/<slug>`), now for every other program and for everyone
 * without a preview.
 */
export function launchClockFor(programPagePath: string, nowMs: number, preview: PreviewClaims | undefined): number {
  return preview !== undefined && preview.programPath === programPagePath ? preview.asOfMs : nowMs;
}

import type { PlaybackGrant, PlaybackRefusalBody } from '@stride/contract/api-shapes';
import { mayWatch, REFUSAL_STATUS, type Refusal } from '@stride/contract/entitlement';
import { WORKOUT_ID } from '@stride/contract/ids';
import { launchClockFor, PREVIEW_COOKIE, type PreviewClaims } from '@stride/contract/preview';
import { programPath } from '@stride/contract/urls';
import { VIEWER_COUNTRY_HEADER } from '@stride/contract/origin-access';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { hlsPathFor, mediaIdFor } from '../catalog';
import type { ApiContext } from '../context';
import { mediaCookies } from '../media-cookies';
import { cookieValue } from '../request';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { subscriptionOf } from '../users';
import { currentUser } from './auth';

const REFUSAL_TEXT: Readonly<Record<Refusal, string>> = {
  'signed-out': 'Sign in to play workouts',
  unlicensed: 'This program is not available in your country',
  'not-launched': 'This program is not available yet',
  'subscription-required': 'A subscription is needed to play workouts',
};

/**
 * The country CloudFront set from the viewer's address. Trusted only because the handler has
 * already refused every request that did not come through CloudFront (origin-guard.ts).
 */
function viewerCountry(event: APIGatewayProxyEventV2): string | undefined {
  const raw = event.headers[VIEWER_COUNTRY_HEADER]?.trim().toUpperCase();
  return raw && /^[A-Z]{2}$/.test(raw) ? raw : undefined;
}

/**
 * `GET /api/playback/<workoutId>`: the stream's door. Who may watch is the entitlement rule
 * (`@stride/contract/entitlement`), asked here as the edge asks it for pages; a refusal answers
 * with its status and machine-readable `reason` and sets no media cookie. A grant gives the HLS
 * URL, media cookies for that workout's own media folder only, and the workout itself (the
 * prerendered /watch shell serves every id, so the player learns its title here).
 */
export async function playback(ctx: ApiContext, event: APIGatewayProxyEventV2, workoutId: string): Promise<ApiResult> {
  if (!WORKOUT_ID.test(workoutId))
    return errorResponse(400, `"${workoutId.slice(0, 100)}" is not a workout id (w-<letters, digits, hyphens>)`, ctx.region);
  const user = await currentUser(ctx, event);
  // Signed out comes first: an anonymous caller learns nothing about which ids exist.
  if (!user) return refusal(ctx, 'signed-out');
  const workout = ctx.catalog.workout(workoutId);
  if (!workout) return errorResponse(404, `No workout ${workoutId}`, ctx.region);
  const now = ctx.now();
  const preview = await previewOf(ctx, event, now);
  const decision = mayWatch({
    subscription: subscriptionOf(user),
    release: workout.release,
    country: viewerCountry(event),
    nowMs: now.getTime(),
    launchClockMs: launchClockFor(programPath(workout.programSlug), now.getTime(), preview),
  });
  if (!decision.allowed) return refusal(ctx, decision.reason, decision.availableAtMs);
  const { cookies, expiresAt } = mediaCookies(ctx.media, mediaIdFor(workout), now, ctx.secureCookies, workout.durationSec);
  const about = {
    id: workout.id,
    title: workout.title,
    durationSec: workout.durationSec,
    programSlug: workout.programSlug,
    programTitle: workout.programTitle,
  };
  const grant: PlaybackGrant = { workoutId, hlsUrl: hlsPathFor(workout), expiresAt: expiresAt.toISOString(), workout: about };
  return jsonResponse(200, grant, ctx.region, cookies);
}

/**
 * The viewer's preview (the edge keeps a followed link's token in this cookie): a subscriber
 * holding one may play the previewed program's workouts as of its instant. Anything but a valid
 * preview is no preview: playback is then decided as for everyone.
 */
async function previewOf(ctx: ApiContext, event: APIGatewayProxyEventV2, now: Date): Promise<PreviewClaims | undefined> {
  const token = cookieValue(event, PREVIEW_COOKIE);
  return token ? ctx.previews.verify(token, now) : undefined;
}

/** A refusal: its status, a sentence, the machine-readable reason (and the launch instant), and no media cookie. */
function refusal(ctx: ApiContext, reason: Refusal, availableAtMs?: number): ApiResult {
  const body: PlaybackRefusalBody = {
    error: REFUSAL_TEXT[reason],
    reason,
    ...(availableAtMs === undefined ? {} : { availableAt: new Date(availableAtMs).toISOString() }),
  };
  return jsonResponse(REFUSAL_STATUS[reason], body, ctx.region);
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { hlsPathFor, mediaIdFor } from '../catalog';
import type { ApiContext } from '../context';
import { mediaCookies } from '../media-cookies';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { currentUser } from './auth';

export const WORKOUT_ID = /^w-[a-z0-9-]{1,80}$/;

/**
 * `GET /api/playback/<workoutId>`: 401 signed out, 404 unknown, 403 not entitled, else HLS URL +
 * media cookies, and the workout itself (the prerendered /watch shell serves every id, so the
 * player learns its title here).
 */
export async function playback(ctx: ApiContext, event: APIGatewayProxyEventV2, workoutId: string): Promise<ApiResult> {
  if (!WORKOUT_ID.test(workoutId)) return errorResponse(400, `"${workoutId.slice(0, 100)}" is not a workout id (w-<letters, digits, hyphens>)`, ctx.region);
  const user = await currentUser(ctx, event);
  if (!user) return errorResponse(401, 'Sign in to play workouts', ctx.region);
  const workout = ctx.catalog.workout(workoutId);
  if (!workout) return errorResponse(404, `No workout ${workoutId}`, ctx.region);
  if (user.subscription !== 'active') return errorResponse(403, 'A subscription is needed to play workouts', ctx.region);
  const { cookies, expiresAt } = mediaCookies(ctx.media, mediaIdFor(workout), ctx.now(), ctx.secureCookies);
  const about = { id: workout.id, title: workout.title, durationSec: workout.durationSec, programSlug: workout.programSlug, programTitle: workout.programTitle };
  return jsonResponse(200, { workoutId, hlsUrl: hlsPathFor(workout), expiresAt: expiresAt.toISOString(), workout: about }, ctx.region, cookies);
}

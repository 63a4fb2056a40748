import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { PLAY_ID, PLAY_ID_RULE, SLUG, WORKOUT_ID } from '@stride/contract/ids';
import { VIEW_MILESTONES } from '@stride/contract/views';
import type { ApiContext } from '../context';
import { continueWatchingItems, programProgressItems } from '../continue-watching';
import { jsonBody } from '../request';
import { errorResponse, jsonResponse, RequestError, type ApiResult } from '../responses';
import type { User } from '../users';
import { currentUser } from './auth';

const MAX_SECONDS = 6 * 3600;
const seconds = z.number().finite().min(0).max(MAX_SECONDS);

// `savedAt`: when the player read the position (its clock, ms); a late save never replaces a newer one.
const progressBody = z.strictObject({
  positionSec: seconds,
  durationSec: seconds.positive(),
  savedAt: z.number().int().positive().optional(),
});

const viewBody = z.strictObject({
  workoutId: z.string().regex(WORKOUT_ID, 'must be a workout id (w-<letters, digits, hyphens>)'),
  playId: z.string().regex(PLAY_ID, `must be ${PLAY_ID_RULE}`),
  event: z.enum(VIEW_MILESTONES),
  positionSec: seconds,
  durationSec: seconds,
  eventId: z.string().min(1).max(100),
});

/** The signed-in viewer and a known workout, or the 4xx that says which is missing. */
async function viewerAndWorkout(ctx: ApiContext, event: APIGatewayProxyEventV2, workoutId: string): Promise<User> {
  if (!WORKOUT_ID.test(workoutId))
    throw new RequestError(400, `"${workoutId.slice(0, 100)}" is not a workout id (w-<letters, digits, hyphens>)`);
  const user = await currentUser(ctx, event);
  if (!user) throw new RequestError(401, 'Sign in to keep your place in workouts');
  if (!ctx.catalog.workout(workoutId)) throw new RequestError(404, `No workout ${workoutId}`);
  return user;
}

/** `GET /api/progress/<workoutId>`: where the viewer left off; a workout never played is at 0. */
export async function getProgress(ctx: ApiContext, event: APIGatewayProxyEventV2, workoutId: string): Promise<ApiResult> {
  const user = await viewerAndWorkout(ctx, event, workoutId);
  const progress = await ctx.activity.progress(user.id, workoutId);
  return jsonResponse(200, { workoutId, ...(progress ?? { positionSec: 0, durationSec: 0, updatedAt: null }) }, ctx.region);
}

/**
 * `GET /api/progress`: the signed-in viewer's "Continue watching" list,
 * `{ items: [{ workoutId, workoutTitle, programSlug, programTitle, poster, positionSec, durationSec, updatedAt }] }`
 * (rules in continue-watching.ts); `?program=<slug>`: that program's workouts; `?workout=<id>`:
 * one workout's position, as `GET /api/progress/<id>` answers it (the read form the regions'
 * origin group serves: contract/src/region-routing.ts).
 */
export async function continueWatching(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const query = progressListQuery(event);
  if (query.workout !== undefined) return getProgress(ctx, event, query.workout);
  const user = await currentUser(ctx, event);
  if (!user) throw new RequestError(401, 'Sign in to pick up where you left off');
  if (query.program !== undefined) {
    const workouts = ctx.catalog.workoutsOf(query.program);
    if (!workouts) throw new RequestError(404, `No program ${query.program}`);
    return jsonResponse(200, { items: programProgressItems(await ctx.activity.allProgress(user.id), workouts) }, ctx.region);
  }
  const rows = await ctx.activity.allProgress(user.id);
  return jsonResponse(200, { items: continueWatchingItems(rows, ctx.catalog) }, ctx.region);
}

/**
 * `GET /api/progress` takes at most one parameter, `program=<slug>` or `workout=<id>`; anything
 * else is a 400 naming it.
 */
function progressListQuery(event: APIGatewayProxyEventV2): { program?: string; workout?: string } {
  const params = new URLSearchParams(event.rawQueryString ?? '');
  const query: { program?: string; workout?: string } = {};
  for (const [name, value] of params) {
    if (name !== 'program' && name !== 'workout')
      throw new RequestError(400, `${name.slice(0, 50)}: unknown query parameter (only "program" or "workout" is accepted)`);
    if (query.program !== undefined || query.workout !== undefined)
      throw new RequestError(400, `${name}: give one parameter, "program" or "workout", once`);
    if (name === 'program' && !SLUG.test(value)) throw new RequestError(400, `program: "${value.slice(0, 100)}" is not a program slug`);
    query[name] = value;
  }
  return query;
}

/** `PUT /api/progress/<workoutId>` `{positionSec, durationSec}`: idempotent, last write wins. */
export async function putProgress(ctx: ApiContext, event: APIGatewayProxyEventV2, workoutId: string): Promise<ApiResult> {
  const user = await viewerAndWorkout(ctx, event, workoutId);
  const body = jsonBody(event, progressBody);
  if (body.positionSec > body.durationSec) return errorResponse(400, 'positionSec: must not be after durationSec', ctx.region);
  await ctx.activity.saveProgress(user.id, workoutId, body, ctx.now());
  return { statusCode: 204, headers: { 'cache-control': 'no-store', 'x-stride-region': ctx.region } };
}

/** `POST /api/views`: one milestone of one play; repeating an event is harmless (retries are safe). */
export async function postView(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const body = jsonBody(event, viewBody);
  const user = await viewerAndWorkout(ctx, event, body.workoutId);
  const play = await ctx.activity.recordMilestone(user.id, body.playId, body.workoutId, body.event, ctx.now());
  if (play === 'other-workout') return errorResponse(409, `play ${body.playId} belongs to another workout`, ctx.region);
  return jsonResponse(200, play, ctx.region);
}

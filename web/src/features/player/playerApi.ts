import { PROGRESS_LISTS_TAG } from '../../shared/api/progressApi';
import { strideApi } from '../../shared/api/strideApi';
import type { ViewMilestone } from './view-milestones';

/** The workout a playback grant is for: the /watch shell serves every id, so it learns its title here. */
export interface PlaybackWorkout {
  readonly id: string;
  readonly title: string;
  /** The catalog's nominal length; the stream's own is measured by the player. */
  readonly durationSec: number;
  readonly programSlug: string;
  readonly programTitle: string;
}

/** `GET /api/playback/<workoutId>`: the API sets signed media cookies and says where the stream is. */
export interface PlaybackGrant {
  readonly workoutId: string;
  /** Same-site path of the master playlist, e.g. /media/sample-hiit/master.m3u8. */
  readonly hlsUrl: string;
  /** When the media cookies stop working (ISO 8601). */
  readonly expiresAt: string;
  /** Where this viewer left off, if the API includes it. */
  readonly resumeAtSec?: number;
  /** Optional only for an API region still on the previous release during a deploy. */
  readonly workout?: PlaybackWorkout;
}

/** `GET|PUT /api/progress/<workoutId>`. */
export interface Progress {
  readonly positionSec: number;
  readonly durationSec: number;
}

/** `POST /api/views`: one milestone of one play (see view-milestones.ts). */
export interface ViewEvent {
  readonly workoutId: string;
  /** One id per play; the server counts a view as qualified when one play sends every milestone. */
  readonly playId: string;
  readonly event: ViewMilestone;
  readonly positionSec: number;
  readonly durationSec: number;
  /** `${playId}:${event}`: lets the server drop a duplicate, which is what makes retrying safe. */
  readonly eventId: string;
}

const workoutPath = (prefix: string, workoutId: string) => `${prefix}/${encodeURIComponent(workoutId)}`;

export const playerApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    getPlayback: build.query<PlaybackGrant, string>({
      query: (workoutId) => workoutPath('playback', workoutId),
      // An authorization is short-lived and sets cookies: never serve it from the cache.
      keepUnusedDataFor: 0,
    }),
    getProgress: build.query<Progress | null, string>({
      // 404 means "never watched": an answer, not an error.
      query: (workoutId) => ({ url: workoutPath('progress', workoutId), validateStatus: (response) => response.ok || response.status === 404 }),
      transformResponse: (body: unknown, meta) => (meta?.response?.status === 404 ? null : (body as Progress)),
      providesTags: (_result, _error, workoutId) => [{ type: 'Progress', id: workoutId }],
      keepUnusedDataFor: 0,
    }),
    saveProgress: build.mutation<null, { readonly workoutId: string } & Progress>({
      query: ({ workoutId, positionSec, durationSec }) => ({ url: workoutPath('progress', workoutId), method: 'PUT', body: { positionSec, durationSec } }),
      transformResponse: () => null,
      // "Continue watching" changed: asked again the next time it is shown.
      invalidatesTags: (_result, error) => (error ? [] : [PROGRESS_LISTS_TAG]),
    }),
    sendViewEvent: build.mutation<null, ViewEvent>({
      query: (event) => ({ url: 'views', method: 'POST', body: event }),
      transformResponse: () => null,
      extraOptions: { idempotent: true },
    }),
  }),
});

export const { useGetPlaybackQuery, useGetProgressQuery, useSaveProgressMutation, useSendViewEventMutation } = playerApi;

type ApiRootState = Parameters<ReturnType<typeof playerApi.endpoints.getPlayback.select>>[0];

/**
 * The workout's title from its playback answer in the `/api` cache, if that is there yet (the
 * app names the tab with it). The `/api` state itself may not be: it is injected lazily.
 */
export function selectWorkoutTitle(state: Partial<ApiRootState>, workoutId: string): string | undefined {
  const { strideApi: api } = state;
  return api ? playerApi.endpoints.getPlayback.select(workoutId)({ strideApi: api }).data?.workout?.title : undefined;
}

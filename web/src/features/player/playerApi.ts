import type { PlaybackGrant, PlaybackWorkout, Progress, ProgressSave, ViewEvent } from '@stride/contract/api-shapes';
import { API_PREFIX, progressReadPath } from '@stride/contract/region-routing';
import { PROGRESS_LISTS_TAG } from '../../shared/api/progressApi';
import { strideApi } from '../../shared/api/strideApi';

export type { PlaybackGrant, PlaybackWorkout, Progress, ViewEvent };

const workoutPath = (prefix: string, workoutId: string) => `${prefix}/${encodeURIComponent(workoutId)}`;
/** An `/api/…` path as the base query takes it (relative to its `/api` base URL). */
const relativeToApi = (apiPath: string) => apiPath.slice(`${API_PREFIX}/`.length);

export const playerApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    getPlayback: build.query<PlaybackGrant, string>({
      query: (workoutId) => workoutPath('playback', workoutId),
      // An authorization is short-lived and sets cookies: never serve it from the cache.
      keepUnusedDataFor: 0,
    }),
    getProgress: build.query<Progress | null, string>({
      // 404 means "never watched": an answer, not an error. Asked in the read form the regions'
      // origin group serves (GET /api/progress?workout=), so a failing primary costs no resume point.
      query: (workoutId) => ({
        url: relativeToApi(progressReadPath(workoutId)),
        validateStatus: (response) => response.ok || response.status === 404,
      }),
      transformResponse: (body: unknown, meta) => (meta?.response?.status === 404 ? null : (body as Progress)),
      providesTags: (_result, _error, workoutId) => [{ type: 'Progress', id: workoutId }],
      keepUnusedDataFor: 0,
    }),
    saveProgress: build.mutation<null, { readonly workoutId: string } & ProgressSave>({
      query: ({ workoutId, positionSec, durationSec, savedAt }) => ({
        url: workoutPath('progress', workoutId),
        method: 'PUT',
        body: { positionSec, durationSec, savedAt },
      }),
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

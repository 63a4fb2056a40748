import type { PlaybackGrant, PlaybackWorkout, Progress, ViewEvent } from '@stride/contract/api-shapes';
import { API_PREFIX, progressReadPath } from '@stride/contract/region-routing';
import { strideApi } from '../../shared/api/strideApi';
import { earlyFirst } from './early-first-query';
import type { SavedProgress } from './resume';

export type { PlaybackGrant, PlaybackWorkout, Progress, ViewEvent };

const workoutPath = (prefix: string, workoutId: string) => `${prefix}/${encodeURIComponent(workoutId)}`;
/** An `/api/…` path as the base query takes it (relative to its `/api` base URL). */
const relativeToApi = (apiPath: string) => apiPath.slice(`${API_PREFIX}/`.length);

/** The player's reads. Its writes (progress, milestones) go through the outbox (shared/outbox). */
export const playerApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    // Both reads take the /watch page's early request when there is one (early-first-query.ts).
    getPlayback: build.query<PlaybackGrant, string>({
      queryFn: async (workoutId, api, _extra, baseQuery) => {
        const result = await earlyFirst(workoutPath('playback', workoutId), api, baseQuery);
        return result.error ? { error: result.error } : { data: result.data as PlaybackGrant, meta: result.meta };
      },
      // An authorization is short-lived and sets cookies: never serve it from the cache.
      keepUnusedDataFor: 0,
    }),
    getProgress: build.query<SavedProgress | null, string>({
      // 404 means "never watched": an answer, not an error. Asked in the read form the regions'
      // origin group serves (GET /api/progress?workout=), so a failing primary costs no resume point.
      queryFn: async (workoutId, api, _extra, baseQuery) => {
        const args = { url: relativeToApi(progressReadPath(workoutId)), validateStatus: (r: Response) => r.ok || r.status === 404 };
        const result = await earlyFirst(args, api, baseQuery);
        if (result.error) return { error: result.error };
        return { data: result.meta?.response?.status === 404 ? null : (result.data as SavedProgress), meta: result.meta };
      },
      providesTags: (_result, _error, workoutId) => [{ type: 'Progress', id: workoutId }],
      keepUnusedDataFor: 0,
    }),
  }),
});

export const { useGetPlaybackQuery, useGetProgressQuery } = playerApi;

type ApiRootState = Parameters<ReturnType<typeof playerApi.endpoints.getPlayback.select>>[0];

/**
 * The workout's title from its playback answer in the `/api` cache, if that is there yet (the
 * app names the tab with it). The `/api` state itself may not be: it is injected lazily.
 */
export function selectWorkoutTitle(state: Partial<ApiRootState>, workoutId: string): string | undefined {
  const { strideApi: api } = state;
  return api ? playerApi.endpoints.getPlayback.select(workoutId)({ strideApi: api }).data?.workout?.title : undefined;
}

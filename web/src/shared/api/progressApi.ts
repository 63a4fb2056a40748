import type { ContinueWatchingItem, ItemsBody, WorkoutProgressItem } from '@stride/contract/api-shapes';
import { strideApi } from './strideApi';

export type { ContinueWatchingItem, WorkoutProgressItem };

type ProgramProgressResponse = ItemsBody<WorkoutProgressItem>;
type ContinueWatchingResponse = ItemsBody<ContinueWatchingItem>;

/**
 * The progress lists' cache tag (Continue watching, a program's progress). A saved position
 * changes them: the player invalidates this tag when it saves, so they are asked again next time
 * they are shown. (Signing in invalidates every `Progress` tag; signing out resets the API cache.)
 */
export const PROGRESS_LISTS_TAG = { type: 'Progress', id: 'LIST' } as const;

/**
 * In shared, not in a feature: the player invalidates it and a home-page row reads it, and
 * features never import each other. Ask only when `isSignedInHint(document.cookie)`: signed out,
 * the API answers 401, which the browser logs as a console error.
 */
export const progressApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    // Called as useGetContinueWatchingQuery(undefined, { skip: !signedInHint }).
    getContinueWatching: build.query<readonly ContinueWatchingItem[], undefined>({
      query: () => 'progress',
      transformResponse: (response: ContinueWatchingResponse) => response.items,
      providesTags: [PROGRESS_LISTS_TAG],
    }),
    // One request per program page; every workout row selects its own item from it.
    getProgramProgress: build.query<readonly WorkoutProgressItem[], string>({
      query: (programSlug) => `progress?program=${encodeURIComponent(programSlug)}`,
      transformResponse: (response: ProgramProgressResponse) => response.items,
      providesTags: [PROGRESS_LISTS_TAG],
    }),
  }),
});

export const { useGetContinueWatchingQuery, useGetProgramProgressQuery } = progressApi;

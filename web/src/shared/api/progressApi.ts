import { strideApi } from './strideApi';

/** One workout the viewer started and did not finish (`GET /api/progress`). */
export interface ContinueWatchingItem {
  readonly workoutId: string;
  readonly workoutTitle: string;
  readonly programSlug: string;
  readonly programTitle: string;
  /** The program's poster, sized so a row reserves its box before the image loads. */
  readonly poster: { readonly src: string; readonly width: number; readonly height: number; readonly alt: string };
  readonly positionSec: number;
  /** The stream's measured length: positionSec / durationSec is how far the viewer got. */
  readonly durationSec: number;
  /** ISO 8601; the list comes newest first. */
  readonly updatedAt: string;
}

/** The viewer's progress in one workout of a program (`GET /api/progress?program=<slug>`). */
export interface WorkoutProgressItem {
  readonly workoutId: string;
  readonly positionSec: number;
  readonly durationSec: number;
  /** In the last 30 s or past 95 %: the program page marks it watched. */
  readonly finished: boolean;
  readonly updatedAt: string;
}

interface ProgramProgressResponse {
  readonly items: readonly WorkoutProgressItem[];
}

interface ContinueWatchingResponse {
  readonly items: readonly ContinueWatchingItem[];
}

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

/**
 * The API's answers, as the browser receives them: the API builds them, the web app reads them,
 * and both import these types, so a field renamed on one side fails the other's typecheck.
 * Types only: nothing here ships code.
 */
import type { Refusal } from './entitlement';
import type { ViewMilestone } from './views';

/** Every error: a sentence for people and, where the client acts on it, a machine-readable reason. */
export interface ApiErrorBody {
  readonly error: string;
  readonly reason?: Refusal | 'direct-origin' | (string & {});
}

/** A refused playback grant (401 / 403 / 451): why, and with `not-launched` when it will be. */
export interface PlaybackRefusalBody extends ApiErrorBody {
  readonly reason: Refusal;
  /** ISO 8601, with `not-launched`: the launch instant. */
  readonly availableAt?: string;
}

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
  /** Optional only for an API region still on the previous release during a deploy. */
  readonly workout?: PlaybackWorkout;
}

/** `GET|PUT /api/progress/<workoutId>`. */
export interface Progress {
  readonly positionSec: number;
  readonly durationSec: number;
}

/**
 * `PUT /api/progress/<workoutId>`: a position, and when the player read it. A save that arrives
 * late (a retry, a beacon on leave, a region catching up) never replaces a position read later:
 * the API keeps the one with the newest `savedAt`.
 */
export interface ProgressSave extends Progress {
  /** The client's clock (ms since the epoch) when the position was read. */
  readonly savedAt?: number;
}

/** `POST /api/views`: one milestone of one play. */
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

export interface PosterShape {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/** One workout the viewer started and did not finish (`GET /api/progress`). */
export interface ContinueWatchingItem {
  readonly workoutId: string;
  readonly workoutTitle: string;
  readonly programSlug: string;
  readonly programTitle: string;
  /** The program's poster, sized so a row reserves its box before the image loads. */
  readonly poster: PosterShape;
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

/** `GET /api/progress` and `GET /api/progress?program=<slug>`. */
export interface ItemsBody<T> {
  readonly items: readonly T[];
}

import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ApiErrorInfo } from '../../shared/api/api-error';
import { apiUnauthorized } from '../../shared/api/auth-events';
import { failureFromApi, type PlaybackFailure } from './recovery-policy';
import { addSpan, dueMilestones, MAX_PLAYED_STEP_SEC, type Span, type ViewMilestone } from './view-milestones';

export type PlayerStatus = 'idle' | 'authorizing' | 'loading' | 'playing' | 'paused' | 'buffering' | 'recovering' | 'ended' | 'error';

export interface QualityLevel {
  /** hls.js level index. */
  readonly index: number;
  readonly height: number;
  readonly bitrate: number;
}

export interface PlayerState {
  readonly workoutId: string | null;
  /** One id per play (per visit to /watch and per Retry), carried by every view event. */
  readonly playId: string | null;
  readonly status: PlayerStatus;
  readonly failure: PlaybackFailure | null;
  /** With a `not-launched` refusal: when the workout's program launches (ISO 8601), if the API said. */
  readonly availableAt: string | null;
  readonly positionSec: number;
  readonly durationSec: number;
  /** Stretches actually played (not seeked over) in this play. */
  readonly playedSpans: Span[];
  readonly started: boolean;
  readonly milestonesSent: ViewMilestone[];
  readonly lastSavedSec: number | null;
  /**
   * The API stopped accepting the session mid-play (a 401 to a progress save, a view event or a
   * re-authorization). The picture plays on while the media cookies last; saves stop, and the
   * viewer is told, without interrupting, to sign in again.
   */
  readonly sessionLost: boolean;
  readonly levels: QualityLevel[];
  /** Chosen level index, or -1 for automatic. */
  readonly quality: number;
  readonly activeLevel: number | null;
  readonly captionsAvailable: boolean;
  /** Incremented to tear the media engine down and load again (Retry, reauthorization, reload). */
  readonly loadGeneration: number;
  // Kept from one workout to the next: viewer preferences, and where each workout was left (the
  // API has it too, but a save sent on leaving may still be in flight when the viewer comes back).
  readonly resumePoints: Record<string, { readonly positionSec: number; readonly durationSec: number }>;
  readonly captionsOn: boolean;
  readonly volume: number;
  readonly muted: boolean;
}

export const initialPlayerState: PlayerState = {
  workoutId: null,
  playId: null,
  status: 'idle',
  failure: null,
  availableAt: null,
  positionSec: 0,
  durationSec: 0,
  playedSpans: [],
  started: false,
  milestonesSent: [],
  lastSavedSec: null,
  sessionLost: false,
  levels: [],
  quality: -1,
  activeLevel: null,
  captionsAvailable: false,
  loadGeneration: 0,
  resumePoints: {},
  captionsOn: false,
  volume: 1,
  muted: false,
};

const clamp01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 1);

export const playerSlice = createSlice({
  name: 'player',
  initialState: initialPlayerState,
  reducers: {
    /** A new play of a workout: per-play state starts over, preferences stay. */
    playOpened(state, action: PayloadAction<{ workoutId: string; playId: string }>) {
      const { captionsOn, volume, muted, loadGeneration, resumePoints } = state;
      return {
        ...initialPlayerState,
        captionsOn,
        volume,
        muted,
        resumePoints,
        loadGeneration: loadGeneration + 1,
        workoutId: action.payload.workoutId,
        playId: action.payload.playId,
        status: 'authorizing',
      };
    },
    playClosed(state) {
      const { captionsOn, volume, muted, loadGeneration, resumePoints } = state;
      return { ...initialPlayerState, captionsOn, volume, muted, resumePoints, loadGeneration };
    },
    statusChanged(state, action: PayloadAction<Exclude<PlayerStatus, 'error' | 'idle'>>) {
      if (state.status === 'error') return;
      state.status = action.payload;
      if (action.payload === 'playing') state.started = true;
    },
    failed(state, action: PayloadAction<PlaybackFailure>) {
      state.status = 'error';
      state.failure = action.payload;
      state.availableAt = null;
    },
    /**
     * Asking the API for playback failed (after the client's own retries). Before the first frame
     * that is the answer the viewer sees; a 401 once playing (a re-authorization for fresh media
     * cookies) only means the session ended: the buffered picture plays on.
     */
    authorizationFailed(state, action: PayloadAction<Pick<ApiErrorInfo, 'kind' | 'status' | 'reason' | 'availableAt'>>) {
      const failure = failureFromApi(action.payload);
      if (failure === 'signed-out' && state.started) {
        state.sessionLost = true;
        return;
      }
      state.status = 'error';
      state.failure = failure;
      state.availableAt = failure === 'not-launched' ? (action.payload.availableAt ?? null) : null;
    },
    /** The viewer pressed Retry: authorize again, then reload (reloadRequested). */
    retryStarted(state) {
      state.failure = null;
      state.availableAt = null;
      state.status = 'authorizing';
    },
    /** Load the stream again at the last position (after Retry, reauthorization or a recovery reload). */
    reloadRequested(state) {
      state.loadGeneration += 1;
      state.failure = null;
      state.availableAt = null;
      if (state.status !== 'authorizing') state.status = 'recovering';
    },
    /** The position to resume at if this workout is opened again in this tab. */
    resumePointKept(state, action: PayloadAction<{ workoutId: string; positionSec: number; durationSec: number }>) {
      const { workoutId, positionSec, durationSec } = action.payload;
      state.resumePoints[workoutId] = { positionSec, durationSec };
    },
    timeUpdated(state, action: PayloadAction<number>) {
      const position = action.payload;
      if (!Number.isFinite(position) || position < 0) return;
      const step = position - state.positionSec;
      if (state.status === 'playing' && step > 0 && step <= MAX_PLAYED_STEP_SEC) {
        state.playedSpans = addSpan(state.playedSpans, state.positionSec, position);
      }
      state.positionSec = position;
    },
    /** A seek moves the position without counting the skipped stretch as played. */
    seeked(state, action: PayloadAction<number>) {
      if (Number.isFinite(action.payload) && action.payload >= 0) state.positionSec = action.payload;
    },
    durationKnown(state, action: PayloadAction<number>) {
      if (Number.isFinite(action.payload) && action.payload > 0) state.durationSec = action.payload;
    },
    milestoneSent(state, action: PayloadAction<ViewMilestone>) {
      if (!state.milestonesSent.includes(action.payload)) state.milestonesSent.push(action.payload);
    },
    progressSaved(state, action: PayloadAction<number>) {
      state.lastSavedSec = action.payload;
    },
    levelsLoaded(state, action: PayloadAction<QualityLevel[]>) {
      state.levels = [...action.payload].sort((a, b) => b.height - a.height);
      if (!state.levels.some((l) => l.index === state.quality)) state.quality = -1;
    },
    qualityChosen(state, action: PayloadAction<number>) {
      state.quality = action.payload === -1 || state.levels.some((l) => l.index === action.payload) ? action.payload : -1;
    },
    levelSwitched(state, action: PayloadAction<number>) {
      state.activeLevel = action.payload;
    },
    captionsAvailable(state, action: PayloadAction<boolean>) {
      state.captionsAvailable = action.payload;
    },
    captionsToggled(state, action: PayloadAction<boolean | undefined>) {
      state.captionsOn = action.payload ?? !state.captionsOn;
    },
    volumeChanged(state, action: PayloadAction<{ volume: number; muted: boolean }>) {
      state.volume = clamp01(action.payload.volume);
      state.muted = action.payload.muted;
    },
  },
  extraReducers: (builder) => {
    // Any 401 during a play that has started: the session is gone (expired, or signed out in
    // another tab). Before the first frame, the authorization's own error explains it instead.
    builder.addCase(apiUnauthorized, (state) => {
      if (state.workoutId !== null && state.started) state.sessionLost = true;
    });
  },
  selectors: {
    selectPlayer: (state) => state,
    /** Show "You're signed out": the session ended mid-play and nothing blocking says so already. */
    selectSignedOutNotice: (state) => state.sessionLost && state.status !== 'error',
    selectResumePoint: (state, workoutId: string) => state.resumePoints[workoutId],
    /** View milestones reached in this play and not sent yet (memoized: a stable array per state). */
    selectDueMilestones: createSelector(
      [
        (state: PlayerState) => state.started,
        (state: PlayerState) => state.status,
        (state: PlayerState) => state.durationSec,
        (state: PlayerState) => state.playedSpans,
        (state: PlayerState) => state.milestonesSent,
      ],
      (started, status, durationSec, spans, sent): ViewMilestone[] =>
        dueMilestones({ started, ended: status === 'ended', durationSec, spans, sent }),
    ),
  },
});

export const {
  playOpened,
  playClosed,
  statusChanged,
  failed,
  authorizationFailed,
  retryStarted,
  reloadRequested,
  resumePointKept,
  timeUpdated,
  seeked,
  durationKnown,
  milestoneSent,
  progressSaved,
  levelsLoaded,
  qualityChosen,
  levelSwitched,
  captionsAvailable,
  captionsToggled,
  volumeChanged,
} = playerSlice.actions;
export const { selectPlayer, selectSignedOutNotice, selectResumePoint, selectDueMilestones } = playerSlice.selectors;

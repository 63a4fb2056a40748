import type { FailoverResume, PlayStartSplit, ReplicationLag, SignIns } from '../figures';
import type { Phase } from '../phases';
import type { UndoRecord } from '../rollback';
import type { SecondSample } from '../series';
import type { SteadyStateCheck } from '../verdict';

/** journal.json: the drill's record, with the keys the drill issue names. */
export interface Journal {
  readonly scenario: string;
  readonly verdict: 'held' | 'deviated';
  readonly steadyState: {
    readonly hypothesis: string;
    readonly before: SteadyStateCheck | null;
    readonly after: SteadyStateCheck | null;
    /** Why the verdict is `deviated`, in plain words (empty when it held). */
    readonly deviations: readonly string[];
  };
  readonly method: {
    readonly target: 'local' | 'aws';
    readonly siteUrl: string;
    readonly primaryRegion: string;
    readonly secondaryRegion: string;
    readonly startedAt: string;
    readonly endedAt: string;
    readonly settings: {
      readonly healthCheckIntervalSec: number;
      readonly failureThreshold: number;
      readonly dnsTtlSec: number;
      readonly replicationLagMs: number | null;
    };
    readonly viewers: { readonly light: number; readonly real: number; readonly playSec: number };
    /** The faults, as applied. */
    readonly steps: readonly { readonly at: string; readonly action: string }[];
    readonly stoppedEarly: string | null;
  };
  /** The undo actions, in the order they ran (last fault first). */
  readonly rollback: readonly { readonly at: string; readonly action: string; readonly ok: boolean; readonly error?: string }[];
  readonly phases: readonly { readonly name: string; readonly at: string }[];
  /** One row per second since the drill started. */
  readonly series: readonly SecondSample[];
  readonly viewers: {
    readonly plays: number;
    readonly failedPlays: number;
    readonly stalls: number;
    readonly lostWrites: number;
    readonly detail: {
      readonly lostProgressSaves: number;
      readonly lostMilestones: number;
      readonly writes: number;
      readonly servingRegion: string;
      /** Play start (press play → first segment), ms, of the plays that started. */
      readonly playStartMs: { readonly p50: number | null; readonly p99: number | null };
      /** Resumes that came back earlier than the viewer's last acknowledged save: how many, and the furthest, s. */
      readonly resumedBack: { readonly count: number; readonly maxSec: number };
      /** Rows that differ between the two regions' tables at the end. */
      readonly divergentRows: number;
      /** Real players (Chromium) when any ran. */
      readonly realPlayers?: {
        readonly plays: number;
        readonly failedPlays: number;
        readonly stalls: number;
        /** unacknowledgedWrites + finalSaveNotInTable (see realPlayerLostWrites). */
        readonly lostWrites: number;
        /** Entries left in the app's outbox (localStorage) after the final drain. */
        readonly unacknowledgedWrites: number;
        /** Players whose newest save left the outbox but is not what the serving table holds. */
        readonly finalSaveNotInTable: number;
      };
    };
  };
  /** Issue 13's figures: what the fault cost viewers beyond failed plays and lost writes. */
  readonly figures: {
    /** Play start (press play → first frame), ms, before / during / after the fault, per population that played. */
    readonly playStart: { readonly light?: PlayStartSplit; readonly realWeb?: PlayStartSplit; readonly realTv?: PlayStartSplit };
    readonly addedP99GoalMs: number;
    /** Acknowledged in the primary → seen through the secondary, from the probe that ran all drill long. */
    readonly replicationLag: ReplicationLag;
    /** Viewers whose last save before the fault was in the primary, resumed by the secondary. */
    readonly failoverResumes: {
      readonly viewers: number;
      readonly maxBackSec: number | null;
      /** How many went further back than the measured lag explains. */
      readonly beyondLag: number;
      readonly each: readonly FailoverResume[];
    };
    readonly signInsDuringFault: SignIns;
    /** The light viewers' API tries by route (the app's request function): the default path, each region's pinned path, hedges. */
    readonly apiTries: { readonly default: number; readonly primary: number; readonly secondary: number; readonly hedges: number };
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export const toJournalPhases = (phases: readonly Phase[]) => phases.map((p) => ({ name: p.name, at: iso(p.at) }));

export const toJournalRollback = (records: readonly UndoRecord[]) => records.map((r) => ({ ...r, at: iso(r.at) }));

/**
 * What the drill must undo, in the order to undo it: the last fault applied comes off first (a
 * region is restored before the replication it depends on resumes, for instance). Each undo runs
 * once, even when a signal and the normal end race; a failing undo does not stop the others.
 */
export interface UndoRecord {
  readonly action: string;
  readonly at: number;
  readonly ok: boolean;
  readonly error?: string;
}

export class RollbackPlan {
  private readonly undos: { readonly action: string; readonly run: () => Promise<void> }[] = [];
  private running: Promise<UndoRecord[]> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers the undo of a step just applied (call it right after the step succeeds, or before if a partial apply is possible). */
  push(action: string, run: () => Promise<void>): void {
    this.undos.push({ action, run });
  }

  /** The undo actions in the order they will run. */
  order(): string[] {
    return [...this.undos].reverse().map((u) => u.action);
  }

  get pending(): number {
    return this.undos.length;
  }

  /** Runs every registered undo, last first; later calls wait for the same run. */
  run(): Promise<UndoRecord[]> {
    this.running ??= (async () => {
      const records: UndoRecord[] = [];
      while (this.undos.length > 0) {
        const undo = this.undos.pop();
        if (!undo) break;
        try {
          await undo.run();
          records.push({ action: undo.action, at: this.now(), ok: true });
        } catch (error) {
          records.push({ action: undo.action, at: this.now(), ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return records;
    })();
    return this.running;
  }
}

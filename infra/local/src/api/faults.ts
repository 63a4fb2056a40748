/**
 * Faults injected into one local region, as AWS FIS injects them into a Lambda function
 * (aws:lambda:invocation-add-delay, aws:lambda:invocation-error with preventExecution:
 * https://docs.aws.amazon.com/fis/latest/userguide/use-lambda-actions.html). Each is undone by
 * setting it back to 0; `clear()` undoes all.
 */
export class RegionFaults {
  /** Share of invocations (0–1) that fail without running the function. */
  errorShare = 0;
  /** Added to every invocation before the function runs (the health check's probe too). */
  addedLatencyMs = 0;
  /** Invocations failed on purpose so far. */
  injectedErrors = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** Whether this invocation is one of the share that fails. */
  shouldFail(): boolean {
    if (this.errorShare <= 0) return false;
    const fail = this.random() < this.errorShare;
    if (fail) this.injectedErrors += 1;
    return fail;
  }

  clear(): void {
    this.errorShare = 0;
    this.addedLatencyMs = 0;
  }

  get active(): boolean {
    return this.errorShare > 0 || this.addedLatencyMs > 0;
  }
}

/**
 * A region's Lambda reserved concurrency (PutFunctionConcurrency / DeleteFunctionConcurrency):
 * null = unreserved (account pool), 0 = every invocation throttles, n = at most n in flight.
 */
export class ReservedConcurrency {
  private inFlight = 0;
  reserved: number | null = null;
  throttled = 0;

  tryAcquire(): boolean {
    if (this.reserved !== null && this.inFlight >= this.reserved) {
      this.throttled += 1;
      return false;
    }
    this.inFlight += 1;
    return true;
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  get running(): number {
    return this.inFlight;
  }
}

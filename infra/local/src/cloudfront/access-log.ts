import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface AccessLogEntry {
  readonly time: string;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Hit, Miss, RefreshHit, Error, LambdaGeneratedResponse, … (x-cache without " from cloudfront"). */
  readonly cache: string;
  readonly edgeMs: number;
  readonly origin: string | null;
  readonly region: string | null;
  readonly durationMs: number;
}

/** One JSON line per request to a file (when configured) and the last few kept for the console. */
export class AccessLog {
  readonly recent: AccessLogEntry[] = [];
  private readonly stream: WriteStream | undefined;

  constructor(
    file: string | null,
    private readonly keep = 100,
  ) {
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      this.stream = createWriteStream(file, { flags: 'a' });
      // A logging failure (disk full, folder removed) must never fail a request or the stack.
      this.stream.on('error', (error) => console.error(`access log: ${error.message}`));
    }
  }

  write(entry: AccessLogEntry): void {
    this.recent.unshift(entry);
    if (this.recent.length > this.keep) this.recent.length = this.keep;
    this.stream?.write(`${JSON.stringify(entry)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.stream ? this.stream.end(resolve) : resolve()));
  }
}

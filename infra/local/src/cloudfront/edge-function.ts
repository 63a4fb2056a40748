import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type { Context } from 'aws-lambda';

type LambdaHandler = (event: unknown, context: Context, callback: (error?: unknown, result?: unknown) => void) => unknown;

export class EdgeFunctionError extends Error {
  override name = 'EdgeFunctionError';
}

export interface EdgeFunction {
  readonly name: string;
  /** Runs the function as Lambda does: async or callback style, bounded by its timeout. */
  invoke(event: unknown): Promise<unknown>;
}

/** Lambda@Edge's limit for viewer triggers. */
export const VIEWER_TIMEOUT_MS = 5_000;

/** Loads a built edge bundle the way Lambda@Edge does: CommonJS, `index.handler`. */
export function loadEdgeFunction(name: string, file: string, timeoutMs = VIEWER_TIMEOUT_MS): EdgeFunction {
  if (!existsSync(file)) throw new EdgeFunctionError(`${name}: bundle ${file} is missing; run npm run build`);
  const mod = createRequire(import.meta.url)(file) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new EdgeFunctionError(`${name}: ${file} does not export a handler function`);
  const handler = mod.handler as LambdaHandler;

  return {
    name,
    invoke(event) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new EdgeFunctionError(`${name}: timed out after ${timeoutMs} ms`)), timeoutMs);
        const settle = (error: unknown, result?: unknown) => {
          clearTimeout(timer);
          if (error) reject(error instanceof Error ? error : new EdgeFunctionError(`${name}: ${String(error)}`));
          else resolve(result);
        };
        const context = { functionName: `us-east-1.stride-${name}`, getRemainingTimeInMillis: () => timeoutMs } as Context;
        try {
          const returned = handler(event, context, settle);
          if (returned && typeof (returned as Promise<unknown>).then === 'function') {
            (returned as Promise<unknown>).then((result) => settle(undefined, result), (error: unknown) => settle(error ?? new EdgeFunctionError(`${name}: rejected`)));
          }
        } catch (error) {
          settle(error);
        }
      });
    },
  };
}

import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EDGE_EVENT_TYPES, type EdgeEventType } from './distribution-config';
import type { Context } from 'aws-lambda';

type LambdaHandler = (event: unknown, context: Context, callback: (error?: unknown, result?: unknown) => void) => unknown;

export class EdgeFunctionError extends Error {
  override name = 'EdgeFunctionError';
}

/** The function ran past its timeout: CloudFront answers 503 (LambdaLimitExceeded). */
export class EdgeTimeoutError extends EdgeFunctionError {
  override name = 'EdgeTimeoutError';
}

export interface EdgeFunction {
  readonly name: string;
  /** Runs the function as Lambda does: async or callback style, bounded by its timeout. */
  invoke(event: unknown): Promise<unknown>;
}

/** Lambda@Edge's limit for viewer triggers. */
export const VIEWER_TIMEOUT_MS = 5_000;
/** Lambda@Edge's limit for origin triggers. */
export const ORIGIN_TIMEOUT_MS = 30_000;

export interface EdgeTimeouts {
  readonly viewerMs: number;
  readonly originMs: number;
}

/**
 * Every bundle in the edge dist folder whose folder name is an event type
 * (`edge/dist/<event-type>/index.js`), loaded with that event's timeout.
 */
export function loadEdgeFunctions(
  distDir: string,
  timeouts: EdgeTimeouts = { viewerMs: VIEWER_TIMEOUT_MS, originMs: ORIGIN_TIMEOUT_MS },
): Partial<Record<EdgeEventType, EdgeFunction>> {
  const out: Partial<Record<EdgeEventType, EdgeFunction>> = {};
  if (!existsSync(distDir)) return out;
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    const type = EDGE_EVENT_TYPES.find((t) => t === entry.name);
    const file = path.join(distDir, entry.name, 'index.js');
    if (!entry.isDirectory() || !type || !existsSync(file)) continue;
    out[type] = loadEdgeFunction(type, file, type.startsWith('viewer') ? timeouts.viewerMs : timeouts.originMs);
  }
  return out;
}

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
        const timer = setTimeout(() => reject(new EdgeTimeoutError(`${name}: timed out after ${timeoutMs} ms`)), timeoutMs);
        const settle = (error: unknown, result?: unknown) => {
          clearTimeout(timer);
          if (error) reject(error instanceof Error ? error : new EdgeFunctionError(`${name}: ${String(error)}`));
          else resolve(result);
        };
        const context = { functionName: `us-east-1.stride-${name}`, getRemainingTimeInMillis: () => timeoutMs } as Context;
        try {
          const returned = handler(event, context, settle);
          if (returned && typeof (returned as Promise<unknown>).then === 'function') {
            (returned as Promise<unknown>).then(
              (result) => settle(undefined, result),
              (error: unknown) => settle(error ?? new EdgeFunctionError(`${name}: rejected`)),
            );
          }
        } catch (error) {
          settle(error);
        }
      });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EdgeCache } from './edge-cache';

/** CreateInvalidation's request limits: 3,000 paths, 15 of them with wildcards, `*` only last. */
export const invalidationBatch = z.strictObject({
  paths: z
    .array(
      z
        .string()
        .min(1)
        .max(4096)
        .refine((p) => p.startsWith('/'), 'each path must start with /')
        .refine((p) => !p.slice(0, -1).includes('*'), 'a * wildcard may only be the last character of a path'),
      { error: 'paths must be a list of strings' },
    )
    .min(1, 'paths must list at least one path')
    .max(3000, 'at most 3000 paths per invalidation')
    .refine((ps) => ps.filter((p) => p.endsWith('*')).length <= 15, 'at most 15 wildcard paths per invalidation'),
  callerReference: z.string().min(1).max(128).optional(),
});

export type InvalidationBatch = z.infer<typeof invalidationBatch>;

export interface Invalidation {
  readonly Id: string;
  readonly Status: 'Completed';
  readonly CreateTime: string;
  readonly InvalidationBatch: { Paths: { Quantity: number; Items: string[] }; CallerReference: string };
  /** Local extra: how many cached objects were removed. */
  readonly removedObjects: number;
}

/** Invalidations for one distribution; locally they complete at once. */
export class Invalidations {
  readonly history: Invalidation[] = [];
  private readonly byReference = new Map<string, Invalidation>();

  constructor(private readonly cache: EdgeCache) {}

  create(batch: InvalidationBatch, now = new Date()): Invalidation {
    const reference = batch.callerReference ?? `${now.getTime()}-${randomBytes(4).toString('hex')}`;
    // Same CallerReference again returns the first invalidation, as CloudFront does.
    const existing = this.byReference.get(reference);
    if (existing) return existing;
    // CloudFront matches invalidation paths on the URL-encoded URI; decode both sides the same way.
    const removedObjects = this.cache.invalidate(batch.paths);
    const invalidation: Invalidation = {
      Id: `I${randomBytes(6).toString('hex').toUpperCase()}`,
      Status: 'Completed',
      CreateTime: now.toISOString(),
      InvalidationBatch: { Paths: { Quantity: batch.paths.length, Items: [...batch.paths] }, CallerReference: reference },
      removedObjects,
    };
    this.byReference.set(reference, invalidation);
    this.history.unshift(invalidation);
    this.history.splice(50);
    return invalidation;
  }
}

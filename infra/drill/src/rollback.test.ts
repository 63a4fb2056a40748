import { describe, expect, it } from 'vitest';
import { RollbackPlan } from './rollback';

describe('RollbackPlan', () => {
  it('undoes the last fault first, once, even when two callers (a signal and the normal end) race', async () => {
    const done: string[] = [];
    const plan = new RollbackPlan(() => 42);
    plan.push('resume replication', async () => void done.push('replication'));
    plan.push('restore the primary', async () => void done.push('primary'));
    expect(plan.order()).toEqual(['restore the primary', 'resume replication']);
    const [first, second] = await Promise.all([plan.run(), plan.run()]);
    expect(done).toEqual(['primary', 'replication']);
    expect(first).toBe(second);
    expect(first).toEqual([
      { action: 'restore the primary', at: 42, ok: true },
      { action: 'resume replication', at: 42, ok: true },
    ]);
    expect(plan.pending).toBe(0);
  });

  it('keeps undoing after one undo fails, and records the failure', async () => {
    const done: string[] = [];
    const plan = new RollbackPlan(() => 1);
    plan.push('give the media bucket back', async () => void done.push('bucket'));
    plan.push('stop failing the primary’s invocations', () => Promise.reject(new Error('console did not answer')));
    const records = await plan.run();
    expect(done).toEqual(['bucket']);
    expect(records).toEqual([
      { action: 'stop failing the primary’s invocations', at: 1, ok: false, error: 'console did not answer' },
      { action: 'give the media bucket back', at: 1, ok: true },
    ]);
  });
});

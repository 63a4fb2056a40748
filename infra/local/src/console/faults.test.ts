import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_NAME } from '../../../api/src/table';
import { probe } from '../route53/health-check';
import { startTestStack, waitFor, type TestStack } from '../testing/harness';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ replicationLagMs: 50 }, { edge: false });
});
afterAll(async () => {
  await t?.stop();
});

const send = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
interface State {
  regions: { region: string; faults: { errorShare: number; addedLatencyMs: number; injectedErrors: number } }[];
  replication: { paused: boolean; lagMs: number; pending: number; tables: { region: string; endpoint: string }[] };
}
const state = async () => (await (await t.console('/api/state')).json()) as State;
const faultsOf = async (region: string) => (await state()).regions.find((r) => r.region === region)?.faults;

describe('fault: error share per region', () => {
  it('fails that share of invocations as API Gateway answers a failed Lambda invocation (500), shows it in the state, and undoes', async () => {
    const east = t.stack.regions['us-east-1'].url;
    expect((await t.console('/api/regions/us-east-1/faults', send('PUT', { errorShare: 1 }))).status).toBe(200);
    try {
      const response = await fetch(`${east}/api/ping`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(response.headers.get('x-stride-region')).toBe('us-east-1');
      expect(await faultsOf('us-east-1')).toMatchObject({ errorShare: 1, injectedErrors: 1 });
      // The other region is untouched.
      expect((await fetch(`${t.stack.regions['us-west-1'].url}/api/ping`)).status).toBe(200);
    } finally {
      expect((await t.console('/api/regions/us-east-1/faults', send('DELETE'))).status).toBe(200);
    }
    expect((await fetch(`${east}/api/ping`)).status).toBe(200);
    expect(await faultsOf('us-east-1')).toMatchObject({ errorShare: 0, addedLatencyMs: 0 });
  });

  it('fails about that share, not all or none', async () => {
    t.stack.regions['us-west-1'].faults.errorShare = 0.5;
    try {
      const codes = await Promise.all(
        Array.from({ length: 60 }, async () => (await fetch(`${t.stack.regions['us-west-1'].url}/api/ping`)).status),
      );
      const failed = codes.filter((c) => c === 500).length;
      // Binomial(60, 0.5): outside 10–50 has probability < 1e-7.
      expect(failed).toBeGreaterThan(10);
      expect(failed).toBeLessThan(50);
    } finally {
      t.stack.regions['us-west-1'].faults.clear();
    }
  });
});

describe('fault: added latency per region', () => {
  it('holds each invocation, so a probe with a shorter budget fails (the health check’s 2 s rule), and undoes', async () => {
    const { port } = t.stack.regions['us-west-1'];
    expect((await t.console('/api/regions/us-west-1/faults', send('PUT', { addedLatencyMs: 400 }))).status).toBe(200);
    try {
      expect(await faultsOf('us-west-1')).toMatchObject({ addedLatencyMs: 400, errorShare: 0 });
      expect(await probe('127.0.0.1', port, '/api/ping', 100)).toEqual({ ok: false, status: 'no response in 100 ms' });
      expect((await probe('127.0.0.1', port, '/api/ping', 5_000)).ok).toBe(true);
    } finally {
      await t.console('/api/regions/us-west-1/faults', send('PUT', { addedLatencyMs: 0 }));
    }
    expect((await probe('127.0.0.1', port, '/api/ping', 100)).ok).toBe(true);
  });

  it.each([
    [{ errorShare: 1.5 }, 'errorShare: must be at most 1'],
    [{ errorShare: -0.1 }, 'errorShare: must be 0 or more'],
    [{ addedLatencyMs: 2.5 }, 'addedLatencyMs: must be a whole number'],
    [{ addedLatencyMs: 'slow' }, 'addedLatencyMs: must be a number'],
    [{}, 'give errorShare'],
    [{ errorShare: 0.1, extra: 1 }, 'extra'],
  ])('rejects %j with a 400 naming the field', async (body, message) => {
    const response = await t.console('/api/regions/us-east-1/faults', send('PUT', body));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });

  it('404s an unknown region', async () => {
    expect((await t.console('/api/regions/eu-west-1/faults', send('PUT', { errorShare: 1 }))).status).toBe(404);
  });
});

describe('fault: replication pause', () => {
  const key = { pk: 'USER#fault-test', sk: 'PROGRESS#w-1' };
  const inWest = async () =>
    (
      await t.stack.dynamo.replicas['us-west-1']
        .documentClient('us-west-1')
        .send(new GetCommand({ TableName: DEFAULT_TABLE_NAME, Key: key, ConsistentRead: true }))
    ).Item;

  it('stops copying the primary’s writes to the secondary while paused, shows them pending, and delivers them on resume', async () => {
    const paused = await t.console('/api/replication', send('PUT', { paused: true }));
    expect(paused.status).toBe(200);
    try {
      await t.stack.dynamo
        .documentClient('us-east-1')
        .send(new PutCommand({ TableName: DEFAULT_TABLE_NAME, Item: { ...key, positionSec: 30 } }));
      await waitFor(async () => (await state()).replication.pending === 1, 'the write to be pending');
      const s = await state();
      expect(s.replication).toMatchObject({ paused: true, lagMs: 50 });
      expect(s.replication.tables.map((r) => r.region)).toEqual(['us-east-1', 'us-west-1']);
      expect(await inWest()).toBeUndefined();
    } finally {
      expect((await t.console('/api/replication', send('PUT', { paused: false }))).status).toBe(200);
    }
    await waitFor(async () => (await inWest())?.positionSec === 30, 'the held write to reach us-west-1');
    expect((await state()).replication).toMatchObject({ paused: false, pending: 0 });
  });

  it('sets the lag, and rejects a bad body', async () => {
    expect(((await (await t.console('/api/replication', send('PUT', { lagMs: 75 }))).json()) as { lagMs: number }).lagMs).toBe(75);
    await t.console('/api/replication', send('PUT', { lagMs: 50 }));
    const bad = await t.console('/api/replication', send('PUT', { paused: 'yes' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('paused: must be true or false');
  });
});

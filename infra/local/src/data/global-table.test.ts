import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_NAME } from '../../../api/src/table';
import { waitFor } from '../testing/harness';
import { ensureTable } from './dynamo';
import { startGlobalTable, type GlobalTable } from './global-table';
import { KeyedMutex } from './keyed-mutex';
import { keyId, writtenKeys } from './written-keys';

const REGIONS = ['us-east-1', 'us-west-1'] as const;
type R = (typeof REGIONS)[number];
const keyNames = () => ['pk', 'sk'];
const TABLE = DEFAULT_TABLE_NAME;

describe('writtenKeys (what a stream record would carry)', () => {
  const k = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk } });
  it('reads the keys of Put, Update, Delete, BatchWrite and TransactWrite; none for reads', () => {
    expect(writtenKeys('PutItemCommand', { TableName: 't', Item: { ...k('a', 'b'), x: { N: '1' } } }, keyNames)).toEqual([
      { table: 't', key: k('a', 'b') },
    ]);
    expect(writtenKeys('UpdateItemCommand', { TableName: 't', Key: k('a', 'c') }, keyNames)).toEqual([{ table: 't', key: k('a', 'c') }]);
    expect(writtenKeys('DeleteItemCommand', { TableName: 't', Key: k('a', 'd') }, keyNames)).toEqual([{ table: 't', key: k('a', 'd') }]);
    expect(
      writtenKeys(
        'BatchWriteItemCommand',
        { RequestItems: { t: [{ PutRequest: { Item: k('1', '2') } }, { DeleteRequest: { Key: k('3', '4') } }] } },
        keyNames,
      ),
    ).toEqual([
      { table: 't', key: k('1', '2') },
      { table: 't', key: k('3', '4') },
    ]);
    expect(
      writtenKeys(
        'TransactWriteItemsCommand',
        {
          TransactItems: [
            { Put: { TableName: 't', Item: k('p', '1') } },
            { Update: { TableName: 'u', Key: k('p', '2') } },
            { ConditionCheck: {} },
          ],
        },
        keyNames,
      ),
    ).toEqual([
      { table: 't', key: k('p', '1') },
      { table: 'u', key: k('p', '2') },
    ]);
    expect(writtenKeys('GetItemCommand', { TableName: 't', Key: k('a', 'b') }, keyNames)).toEqual([]);
    expect(writtenKeys('QueryCommand', { TableName: 't' }, keyNames)).toEqual([]);
  });

  it('names PartiQL as unsupported instead of silently not replicating it', () => {
    expect(writtenKeys('ExecuteStatementCommand', { Statement: 'UPDATE …' }, keyNames)).toBe('unsupported');
  });

  it('gives one id per item whatever the attribute order', () => {
    expect(keyId({ table: 't', key: { sk: { S: '2' }, pk: { S: '1' } } }, keyNames)).toBe(
      keyId({ table: 't', key: { pk: { S: '1' }, sk: { S: '2' } } }, keyNames),
    );
  });
});

describe('KeyedMutex', () => {
  it('runs work on the same key one at a time and other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = mutex.run(['a'], () => new Promise<void>((resolve) => (releaseFirst = () => (order.push('a1'), resolve()))));
    const second = mutex.run(['a', 'b'], async () => void order.push('a2'));
    const other = mutex.run(['c'], async () => void order.push('c'));
    await other;
    expect(order).toEqual(['c']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['c', 'a1', 'a2']);
    expect(mutex.size).toBe(0);
  });
});

describe('the local global table (one dynalite per region, replicated)', () => {
  let dir: string;
  let table: GlobalTable<R>;
  const LAG_MS = 150;
  const get = async (region: R, sk: string) =>
    (
      await table.replicas[region]
        .documentClient(region)
        .send(new GetCommand({ TableName: TABLE, Key: { pk: 'USER#t', sk }, ConsistentRead: true }))
    ).Item;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stride-global-'));
    table = await startGlobalTable({ dir, regions: REGIONS, keyNames, lagMs: LAG_MS });
    for (const region of REGIONS) await ensureTable(table.replicas[region].documentClient(region), TABLE);
  });
  afterEach(() => {
    table.replication.resume();
    table.replication.setLag(LAG_MS);
  });
  afterAll(async () => {
    await table?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges a write in its own region at once and copies it to the other after the lag', async () => {
    const east = table.documentClient('us-east-1');
    await east.send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'A', v: 1 } }));
    expect(await get('us-east-1', 'A')).toMatchObject({ v: 1 });
    expect(await get('us-west-1', 'A')).toBeUndefined();
    expect(table.replication.status().pending).toBeGreaterThan(0);
    await waitFor(async () => (await get('us-west-1', 'A'))?.v === 1, 'the write to reach us-west-1');
    expect(table.replication.status()).toMatchObject({ pending: 0, paused: false, lagMs: LAG_MS });
  });

  it('copies the whole item image of an update, and a delete', async () => {
    const west = table.documentClient('us-west-1');
    await west.send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'B', tags: new Set(['start']) } }));
    await west.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: 'USER#t', sk: 'B' },
        UpdateExpression: 'ADD tags :t',
        ExpressionAttributeValues: { ':t': new Set(['25']) },
      }),
    );
    await waitFor(
      async () => ((await get('us-east-1', 'B'))?.tags as Set<string> | undefined)?.size === 2,
      'the updated set to reach us-east-1',
    );
    await west.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'USER#t', sk: 'B' } }));
    await waitFor(async () => (await get('us-east-1', 'B')) === undefined, 'the delete to reach us-east-1');
  });

  it('holds writes while paused and delivers them on resume', async () => {
    table.replication.pause();
    await table.documentClient('us-east-1').send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'C', v: 'held' } }));
    await waitFor(() => table.replication.status().oldestPendingMs > LAG_MS * 2, 'the write to be pending past the lag');
    expect(await get('us-west-1', 'C')).toBeUndefined();
    expect(table.replication.status()).toMatchObject({ paused: true, pending: 1 });
    table.replication.resume();
    await waitFor(async () => (await get('us-west-1', 'C'))?.v === 'held', 'the held write after resume');
  });

  it('resolves a conflict by last writer wins: both replicas end with the later write', async () => {
    table.replication.pause();
    const lostBefore = table.replication.status().conflictsLost;
    await table.documentClient('us-east-1').send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'D', positionSec: 40 } }));
    await waitFor(() => table.replication.status().oldestPendingMs >= 5, 'a later clock tick');
    await table.documentClient('us-west-1').send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'D', positionSec: 10 } }));
    table.replication.resume();
    await waitFor(() => table.replication.status().pending === 0, 'replication to settle');
    expect(await get('us-east-1', 'D')).toMatchObject({ positionSec: 10 });
    expect(await get('us-west-1', 'D')).toMatchObject({ positionSec: 10 });
    expect(table.replication.status().conflictsLost).toBe(lostBefore + 1);
  });

  it('applies what is pending when it closes, and a new replica starts as a copy of an existing one', async () => {
    table.replication.pause();
    await table.documentClient('us-west-1').send(new PutCommand({ TableName: TABLE, Item: { pk: 'USER#t', sk: 'E', v: 'at close' } }));
    await table.close();
    rmSync(path.join(dir, 'us-west-1'), { recursive: true, force: true });
    table = await startGlobalTable({ dir, regions: REGIONS, keyNames, lagMs: LAG_MS });
    expect(await get('us-east-1', 'E')).toMatchObject({ v: 'at close' });
    expect(await get('us-west-1', 'E')).toMatchObject({ v: 'at close' });
  });
});

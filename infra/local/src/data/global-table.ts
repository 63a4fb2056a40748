import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KeyedMutex } from './keyed-mutex';
import { startDynamo, type LocalDynamo } from './dynamo';
import { keyId, writtenKeys, type KeyNames, type WrittenKey } from './written-keys';

/**
 * A local DynamoDB global table: one dynalite store per region, replicated as DynamoDB global
 * tables (version 2019.11.21) replicate:
 * - asynchronously: a write is acknowledged by its own region at once and reaches the other
 *   replicas later, "typically within a second" ("How DynamoDB global tables work",
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html);
 *   here after `lagMs` (default 1 s), or not at all while replication is paused;
 * - item by item: a transaction's items replicate one by one, never as a unit (same page);
 * - last writer wins: when the same item is written in two regions before either write has
 *   replicated, every replica ends with the write that has the latest timestamp, the other write
 *   is lost (same page, "Conflict resolution"; the legacy version's `aws:rep:updatetime` is the
 *   same rule made visible: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_HowItWorks.html).
 *
 * How (dynalite has no DynamoDB Streams): each region's SDK client carries a middleware that,
 * after a write succeeds, records the keys it touched and their write time, as a stream record
 * would. After the lag the replicator reads the item's current image in the source region
 * (consistent read) and puts it, or deletes it, in every other region, unless that region holds a
 * newer write of the item (last writer wins). The API handler is given the instrumented client and
 * never knows. A region's own writes and the replicator's writes into that region take a per-item
 * lock, so "is the local copy newer?" and "overwrite it" happen as one step.
 *
 * Write times and pending replication live in memory: closing the table applies what is pending
 * (a stopped stack leaves its replicas converged); a new replica starts as a copy of an existing
 * one, as adding a region to a global table copies the table's items.
 */

export interface ReplicationStatus {
  readonly lagMs: number;
  readonly paused: boolean;
  /** Item writes waiting to reach another region. */
  readonly pending: number;
  /** Age of the oldest write still waiting, in ms (0 when none). */
  readonly oldestPendingMs: number;
  /** Item copies applied to another region. */
  readonly replicated: number;
  /** Replicated writes dropped because the other region held a newer write of the item (last writer wins). */
  readonly conflictsLost: number;
}

export interface GlobalTableOptions<R extends string> {
  /** The folder holding one dynalite store per region (`<dir>/<region>`). */
  readonly dir: string;
  readonly regions: readonly R[];
  /** Key attribute names per table (the tables' KeySchema). */
  readonly keyNames: KeyNames;
  /** How long a write takes to reach the other regions; default 1000 ms. */
  readonly lagMs?: number;
  /** Clock for write times (last writer wins) and due times. */
  readonly now?: () => number;
  /** Where a replication failure is reported; it is retried after the lag. */
  readonly onError?: (error: unknown) => void;
}

export interface GlobalTable<R extends string> {
  /** Each region's store (its own dynalite, its own endpoint). */
  readonly replicas: Readonly<Record<R, LocalDynamo>>;
  /** A client on `region`'s replica whose writes replicate to the others: what the region's API gets. */
  documentClient(region: R): DynamoDBDocumentClient;
  readonly replication: Replication<R>;
  close(): Promise<void>;
}

interface PendingCopy<R extends string> {
  readonly source: R;
  readonly target: R;
  readonly written: WrittenKey;
  readonly id: string;
  writtenAt: number;
  readonly firstWrittenAt: number;
  readonly dueAt: number;
}

interface Version<R extends string> {
  readonly at: number;
  readonly origin: R;
}

/** Last writer wins; equal times (one clock, two regions) settle on the region name, so every replica picks the same write. */
const isNewer = <R extends string>(a: Version<R>, b: Version<R>): boolean => a.at > b.at || (a.at === b.at && a.origin > b.origin);

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The replicator: pending copies, their due times, pause/resume, last-writer-wins bookkeeping. */
export class Replication<R extends string> {
  private readonly pendingCopies = new Map<string, PendingCopy<R>>();
  /** Per region, per item: the write (time, region written in) of the version that region holds. */
  private readonly versions = new Map<R, Map<string, Version<R>>>();
  readonly locks = new Map<R, KeyedMutex>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private replicatedCount = 0;
  private conflictsLostCount = 0;
  /** Copies taken off the queue and not yet applied (still pending to an observer). */
  private applying = 0;
  paused = false;

  constructor(
    private readonly regions: readonly R[],
    private readonly clients: Readonly<Record<R, DynamoDBClient>>,
    private readonly keyNames: KeyNames,
    public lagMs: number,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
  ) {
    for (const region of regions) {
      this.versions.set(region, new Map());
      this.locks.set(region, new KeyedMutex());
    }
  }

  /** Called (under the item's lock) after `source` acknowledged a write of these items. */
  recordWrite(source: R, items: readonly WrittenKey[], at: number): void {
    for (const written of items) {
      const id = keyId(written, this.keyNames);
      this.versions.get(source)?.set(id, { at, origin: source });
      for (const target of this.regions) {
        if (target === source) continue;
        const slot = `${source}>${target}>${id}`;
        const existing = this.pendingCopies.get(slot);
        if (existing) existing.writtenAt = Math.max(existing.writtenAt, at);
        else this.pendingCopies.set(slot, { source, target, written, id, writtenAt: at, firstWrittenAt: at, dueAt: at + this.lagMs });
      }
    }
    this.schedule();
  }

  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  setLag(lagMs: number): void {
    this.lagMs = lagMs;
    this.schedule();
  }

  status(): ReplicationStatus {
    const t = this.now();
    let oldest = Infinity;
    for (const copy of this.pendingCopies.values()) oldest = Math.min(oldest, copy.firstWrittenAt);
    return {
      lagMs: this.lagMs,
      paused: this.paused,
      pending: this.pendingCopies.size + this.applying,
      oldestPendingMs: oldest === Infinity ? 0 : Math.max(0, t - oldest),
      replicated: this.replicatedCount,
      conflictsLost: this.conflictsLostCount,
    };
  }

  /** Applies every pending copy now, paused or not (used when the table closes). */
  async flush(): Promise<void> {
    await this.running;
    await this.drain(() => true);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.flush();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.paused || this.closed || this.running) return;
    this.clearTimer();
    let next = Infinity;
    for (const copy of this.pendingCopies.values()) next = Math.min(next, copy.dueAt);
    if (next === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.running = this.drain((copy) => copy.dueAt <= this.now() && !this.paused).finally(() => {
          this.running = undefined;
          this.schedule();
        });
      },
      Math.max(0, next - this.now()),
    );
  }

  private async drain(due: (copy: PendingCopy<R>) => boolean): Promise<void> {
    const ready = [...this.pendingCopies.entries()].filter(([, copy]) => due(copy)).sort(([, a], [, b]) => a.dueAt - b.dueAt);
    for (const [slot, copy] of ready) {
      this.pendingCopies.delete(slot);
      this.applying += 1;
      try {
        await this.apply(copy);
      } catch (error) {
        // Keep it (unless a newer write of the item is already queued) and try again after the lag.
        if (!this.pendingCopies.has(slot)) this.pendingCopies.set(slot, { ...copy, dueAt: this.now() + this.lagMs });
        this.onError(error);
      } finally {
        this.applying -= 1;
      }
    }
  }

  /** Copies the source's current image of the item into the target, unless the target's is newer. */
  private async apply(copy: PendingCopy<R>): Promise<void> {
    const { Item } = await this.clients[copy.source].send(
      new GetItemCommand({ TableName: copy.written.table, Key: copy.written.key, ConsistentRead: true }),
    );
    const lock = this.locks.get(copy.target);
    const versions = this.versions.get(copy.target);
    if (!lock || !versions) return;
    await lock.run([copy.id], async () => {
      const held = versions.get(copy.id);
      const incoming: Version<R> = { at: copy.writtenAt, origin: copy.source };
      if (held && !isNewer(incoming, held)) {
        if (held.at !== incoming.at || held.origin !== incoming.origin) this.conflictsLostCount += 1;
        return;
      }
      const target = this.clients[copy.target];
      if (Item) await target.send(new PutItemCommand({ TableName: copy.written.table, Item: Item as Record<string, AttributeValue> }));
      else await target.send(new DeleteItemCommand({ TableName: copy.written.table, Key: copy.written.key }));
      versions.set(copy.id, incoming);
      this.replicatedCount += 1;
    });
  }
}

/**
 * A new region's replica starts as a copy of an existing replica (adding a replica to a global
 * table copies its items). A store from before regions had their own (`legacyDir`) seeds them all.
 */
function seedReplicaDirs<R extends string>(dir: string, regions: readonly R[], legacyDir: string | undefined): void {
  const hasStore = (d: string) => existsSync(path.join(d, 'CURRENT'));
  const copyStore = (from: string, to: string) =>
    cpSync(from, to, { recursive: true, filter: (src) => !['stride.lock', 'LOCK'].includes(path.basename(src)) });
  const existing = regions.map((r) => path.join(dir, r)).find(hasStore) ?? (legacyDir && hasStore(legacyDir) ? legacyDir : undefined);
  for (const region of regions) {
    const target = path.join(dir, region);
    if (hasStore(target)) continue;
    if (existing && (!existsSync(target) || readdirSync(target).length === 0)) copyStore(existing, target);
    mkdirSync(target, { recursive: true });
  }
}

export async function startGlobalTable<R extends string>(
  options: GlobalTableOptions<R> & { readonly legacyDir?: string },
): Promise<GlobalTable<R>> {
  const { dir, regions, keyNames } = options;
  const now = options.now ?? Date.now;
  seedReplicaDirs(dir, regions, options.legacyDir);
  const replicas = {} as Record<R, LocalDynamo>;
  const rawClients = {} as Record<R, DynamoDBClient>;
  try {
    for (const region of regions) {
      const store = await startDynamo(path.join(dir, region));
      replicas[region] = store;
      rawClients[region] = new DynamoDBClient({ region, endpoint: store.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
    }
  } catch (error) {
    for (const store of Object.values<LocalDynamo>(replicas)) await store.close();
    throw error;
  }
  const replication = new Replication<R>(
    regions,
    rawClients,
    keyNames,
    options.lagMs ?? 1000,
    now,
    options.onError ?? ((error) => console.error('global table: replication failed, will retry', error)),
  );

  const documentClient = (region: R): DynamoDBDocumentClient => {
    const doc = replicas[region].documentClient(region);
    const lock = replication.locks.get(region);
    // After serialization (the document client has marshalled the input by then); before the request is sent.
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const items = writtenKeys(context.commandName ?? '', args.input, keyNames);
        if (items === 'unsupported')
          throw new Error(
            `${context.commandName ?? 'This command'} (PartiQL) is not replicated by the local global table; use the item API (PutItem, UpdateItem, …).`,
          );
        if (items.length === 0 || !lock) return next(args);
        return lock.run(
          items.map((w) => keyId(w, keyNames)),
          async () => {
            const result = await next(args);
            replication.recordWrite(region, items, now());
            return result;
          },
        );
      },
      { step: 'build', name: 'strideGlobalTableReplication', override: true },
    );
    return doc;
  };

  return {
    replicas,
    documentClient,
    replication,
    async close() {
      await replication.close().catch((error: unknown) => console.error('global table: final replication failed', error));
      for (const client of Object.values<DynamoDBClient>(rawClients)) client.destroy();
      for (const store of Object.values<LocalDynamo>(replicas)) await store.close();
    },
  };
}

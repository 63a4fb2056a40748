import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { tableDefinition } from '../../../api/src/table';
import { close, listen } from '../listen';

export interface LocalDynamo {
  readonly endpoint: string;
  /** A client per region, all on the one store: the local stand-in for a global table. */
  documentClient(region: string): DynamoDBDocumentClient;
  close(): Promise<void>;
}

// The project runs on Node 20 (its Lambda runtime too); the SDK's "Node 22 from 2027" notice is
// known and would otherwise open every `npm start`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// dynalite accepts any credentials; the SDK insists on having some.
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * leveldb allows one process per folder, and a second dynalite on a locked folder hangs rather
 * than failing; a pid lock file turns that into an immediate, named error.
 */
function lockDataDir(dir: string): () => void {
  const lock = path.join(dir, 'stride.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new DataDirInUseError(
        `The data folder ${dir} is already in use by another running stack (pid ${holder}). Stop it, or give this one its own folder with STRIDE_DATA_DIR=<dir>.`,
      );
    }
    writeFileSync(lock, String(process.pid)); // left by a stack that did not stop cleanly
  }
  return () => rmSync(lock, { force: true });
}

/** dynalite on disk (leveldb under `dir`), on an ephemeral loopback port. */
export async function startDynamo(dir: string): Promise<LocalDynamo> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  let port: number;
  try {
    port = await listen(server, 0, 'DynamoDB (dynalite)', '-');
  } catch (error) {
    unlock();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  return {
    endpoint,
    documentClient(region) {
      const client = new DynamoDBClient({ region, endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
      clients.push(client);
      return DynamoDBDocumentClient.from(client);
    },
    async close() {
      for (const client of clients) client.destroy();
      await close(server);
      unlock();
    },
  };
}

/** Creates the API table on first start (the CDK stack creates it on AWS); a no-op afterwards. */
export async function ensureTable(db: DynamoDBDocumentClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  await db.send(new CreateTableCommand(tableDefinition(tableName)));
  // dynalite, like DynamoDB, creates tables asynchronously: wait (bounded) for ACTIVE.
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return 'created';
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

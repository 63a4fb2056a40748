import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { hashPassword } from '../../../api/src/passwords';
import { keys } from '../../../api/src/table';
import { UserRepository } from '../../../api/src/users';
import type { TableEndpoint } from '../targets/target';
import type { ViewerAccount } from './light-viewer';
import { playKey, progressKey, type TableView } from './lost-writes';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A document client on one region's replica of the API table (dynalite locally, DynamoDB on AWS). */
export function tableClient(table: TableEndpoint): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    table.endpoint
      ? { region: table.region, endpoint: table.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 }
      : { region: table.region },
  );
  return DynamoDBDocumentClient.from(client);
}

/** The drill's viewer accounts: one subscribed account per viewer, the same every drill. */
export function drillAccounts(count: number, password: string): ViewerAccount[] {
  return Array.from({ length: count }, (_, i) => ({ id: `u-drill-${i + 1}`, email: `drill-${i + 1}@stride.test`, password }));
}

/** The replication probe's account (it saves progress of its own, never a viewer's); the viewers' password. */
export const probeAccount = (password: string): ViewerAccount => ({ id: 'u-drill-probe', email: 'drill-probe@stride.test', password });

/**
 * Puts each account into every region's table through the API's own UserRepository (as the local
 * stack seeds its demo accounts), so sign-in works in either region from the first second,
 * whatever the replication is doing. Existing accounts are kept.
 */
export async function seedAccounts(tables: readonly TableEndpoint[], accounts: readonly ViewerAccount[], now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(accounts[0]?.password ?? '');
  for (const table of tables) {
    const db = tableClient(table);
    try {
      const users = new UserRepository(db, table.tableName);
      for (const a of accounts) {
        await users.createIfAbsent({
          id: a.id,
          email: a.email,
          name: `Drill viewer ${a.id.slice('u-drill-'.length)}`,
          passwordHash,
          subscription: 'active',
          createdAt: now.toISOString(),
        });
      }
    } finally {
      db.destroy();
    }
  }
}

/** What one region's table holds for these accounts (their progress and plays), read with the SDK. */
export async function readTable(table: TableEndpoint, userIds: readonly string[]): Promise<TableView> {
  const db = tableClient(table);
  const progress = new Map<string, number>();
  const progressSavedAt = new Map<string, number>();
  const milestones = new Map<string, Set<string>>();
  try {
    for (const userId of userIds) {
      const { pk } = keys.progressOf(userId);
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const sk = String(item.sk);
          if (sk.startsWith('PROGRESS#')) {
            const key = progressKey(userId, sk.slice('PROGRESS#'.length));
            progress.set(key, Number(item.positionSec));
            if (typeof item.savedAt === 'number') progressSavedAt.set(key, item.savedAt);
          } else if (sk.startsWith('PLAY#'))
            milestones.set(playKey(userId, sk.slice('PLAY#'.length)), new Set((item.milestones as Set<string> | undefined) ?? []));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  } finally {
    db.destroy();
  }
  return { progress, progressSavedAt, milestones };
}

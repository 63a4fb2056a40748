import { GetCommand, PutCommand, QueryCommand, UpdateCommand, DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isEntitled, type Subscription, type SubscriptionStatus } from '@stride/contract/entitlement';
import { EMAIL_INDEX, keys } from './table';

export type { SubscriptionStatus };

/** How long a new account's free trial lasts. */
export const TRIAL_DAYS = 7;

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly subscription: SubscriptionStatus;
  /** When the trial or the paid period ends (ISO 8601); undefined: it does not end (or there is none). */
  readonly subscriptionEndsAt?: string | undefined;
  /** Epoch seconds: sessions issued (iat) before it are refused ("sign out everywhere"). */
  readonly sessionsValidAfter?: number | undefined;
  readonly createdAt: string;
}

/** The user's subscription as the entitlement rule reads it (the one place the stored form is translated). */
export function subscriptionOf(user: User): Subscription {
  const endsAtMs = user.subscriptionEndsAt === undefined ? undefined : Date.parse(user.subscriptionEndsAt);
  return { status: user.subscription, endsAtMs: endsAtMs === undefined || Number.isNaN(endsAtMs) ? undefined : endsAtMs };
}

/**
 * The state a viewer is told at this instant: a trial or paid period whose end has passed reads
 * as `expired` (the stored item is not rewritten when it ends; the rule judges it by its date).
 */
export function subscriptionStatusAt(subscription: Subscription, nowMs: number): SubscriptionStatus {
  if ((subscription.status === 'trial' || subscription.status === 'active') && !isEntitled(subscription, nowMs)) return 'expired';
  return subscription.status;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The table and client the account modules share (users, throttles, device codes). */
export interface ApiTable {
  readonly db: DynamoDBDocumentClient;
  readonly name: string;
}

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Users in the API table (see table.ts for the item layout). */
export class UserRepository {
  readonly table: ApiTable;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.table = { db, name: tableName };
  }

  async byId(id: string): Promise<User | undefined> {
    const { Item } = await this.table.db.send(new GetCommand({ TableName: this.table.name, Key: keys.user(id) }));
    return Item ? toUser(Item) : undefined;
  }

  async byEmail(email: string): Promise<User | undefined> {
    const { Items } = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.name,
        IndexName: EMAIL_INDEX,
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': normalizeEmail(email) },
        Limit: 1,
      }),
    );
    const item = Items?.[0];
    return item ? toUser(item) : undefined;
  }

  /**
   * Creates the user unless the id exists or the email is taken (claimed by another sign-up, or
   * already on a user). Returns false then. The email claim is written first and conditionally,
   * so two sign-ups racing for one address cannot both win.
   */
  async createIfAbsent(user: User): Promise<boolean> {
    const email = normalizeEmail(user.email);
    if (await this.byId(user.id)) return false;
    const existing = await this.byEmail(email);
    if (existing && existing.id !== user.id) return false;
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...keys.emailClaim(email), userId: user.id },
          ConditionExpression: 'attribute_not_exists(pk) OR userId = :id',
          ExpressionAttributeValues: { ':id': user.id },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    const item = Object.fromEntries(Object.entries({ ...keys.user(user.id), ...user, email }).filter(([, v]) => v !== undefined));
    try {
      await this.table.db.send(new PutCommand({ TableName: this.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) {
        // Do not leave the address claimed by an account that was never written.
        await this.table.db
          .send(
            new DeleteCommand({
              TableName: this.table.name,
              Key: keys.emailClaim(email),
              ConditionExpression: 'userId = :id',
              ExpressionAttributeValues: { ':id': user.id },
            }),
          )
          .catch(() => undefined);
        throw error;
      }
      return false;
    }
  }

  /** Sign out everywhere: every session issued before `epochSeconds` is refused from now on. */
  async invalidateSessionsBefore(userId: string, epochSeconds: number): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.user(userId),
        UpdateExpression: 'SET sessionsValidAfter = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': epochSeconds },
      }),
    );
  }
}

const STATUSES: readonly SubscriptionStatus[] = ['none', 'trial', 'active', 'expired'];

function toUser(item: Record<string, unknown>): User {
  const status = STATUSES.find((s) => s === item.subscription) ?? 'none';
  return {
    id: String(item.id),
    email: String(item.email),
    name: String(item.name ?? ''),
    passwordHash: String(item.passwordHash),
    subscription: status,
    subscriptionEndsAt: typeof item.subscriptionEndsAt === 'string' ? item.subscriptionEndsAt : undefined,
    sessionsValidAfter: typeof item.sessionsValidAfter === 'number' ? item.sessionsValidAfter : undefined,
    createdAt: String(item.createdAt ?? ''),
  };
}

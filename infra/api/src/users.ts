import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Subscription } from '@stride/contract/entitlement';
import { EMAIL_INDEX, keys } from './table';

export type SubscriptionStatus = 'active' | 'none';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly subscription: SubscriptionStatus;
  readonly createdAt: string;
}

/** The user's subscription as the entitlement rule reads it (the one place the stored form is translated). */
export function subscriptionOf(user: User): Subscription {
  return { status: user.subscription };
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Users in the API table (see table.ts for the item layout). */
export class UserRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async byId(id: string): Promise<User | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.user(id) }));
    return Item ? toUser(Item) : undefined;
  }

  async byEmail(email: string): Promise<User | undefined> {
    const { Items } = await this.db.send(
      new QueryCommand({ TableName: this.tableName, IndexName: EMAIL_INDEX, KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': normalizeEmail(email) }, Limit: 1 }),
    );
    const item = Items?.[0];
    return item ? toUser(item) : undefined;
  }

  /** Creates the user unless one with that id exists (idempotent seeding). Returns false if it existed. */
  async createIfAbsent(user: User): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { ...keys.user(user.id), ...user, email: normalizeEmail(user.email) }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

function toUser(item: Record<string, unknown>): User {
  return {
    id: String(item.id),
    email: String(item.email),
    name: String(item.name ?? ''),
    passwordHash: String(item.passwordHash),
    subscription: item.subscription === 'active' ? 'active' : 'none',
    createdAt: String(item.createdAt ?? ''),
  };
}

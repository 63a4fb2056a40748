import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isQualifiedView, VIEW_MILESTONES, type ViewMilestone } from '@stride/contract/views';
import { keys } from './table';

export interface Progress {
  readonly positionSec: number;
  readonly durationSec: number;
  readonly updatedAt: string | null;
}

export interface ProgressRow extends Progress {
  readonly workoutId: string;
}

export interface PlayRecord {
  readonly playId: string;
  readonly workoutId: string;
  readonly milestones: readonly ViewMilestone[];
  /** A qualified view: this one play reported every milestone from start to complete. */
  readonly qualified: boolean;
}

/** What viewers did: resume positions and view milestones (item layout in table.ts). */
export class ActivityRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async progress(userId: string, workoutId: string): Promise<Progress | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.progress(userId, workoutId) }));
    if (!Item) return undefined;
    return { positionSec: Number(Item.positionSec), durationSec: Number(Item.durationSec), updatedAt: String(Item.updatedAt) };
  }

  /**
   * Every workout the viewer has a position in, in no particular order: one Query on the viewer's
   * partition (paged, though a page holds thousands of these small rows). Strongly consistent:
   * it is read right after the player's last save, when the viewer leaves a workout for the home page.
   */
  async allProgress(userId: string): Promise<ProgressRow[]> {
    const { pk, skPrefix } = keys.progressOf(userId);
    const rows: ProgressRow[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          ProjectionExpression: 'sk, positionSec, durationSec, updatedAt',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        rows.push({
          workoutId: String(item.sk).slice(skPrefix.length),
          positionSec: Number(item.positionSec),
          durationSec: Number(item.durationSec),
          updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : null,
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rows;
  }

  /**
   * Saves a position. With the player's `savedAt`, only if no position read later is stored
   * already: a retried or late save (a beacon on leave, a queued write) must not move a viewer
   * back. Returns whether it was stored; a stale save is not an error (the newer one stands).
   */
  async saveProgress(
    userId: string,
    workoutId: string,
    progress: { positionSec: number; durationSec: number; savedAt?: number | undefined },
    now: Date,
  ): Promise<boolean> {
    const { savedAt, ...position } = progress;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.progress(userId, workoutId),
            workoutId,
            ...position,
            ...(savedAt === undefined ? {} : { savedAt }),
            updatedAt: now.toISOString(),
          },
          ...(savedAt === undefined
            ? {}
            : {
                ConditionExpression: 'attribute_not_exists(savedAt) OR savedAt < :savedAt',
                ExpressionAttributeValues: { ':savedAt': savedAt },
              }),
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * Adds a milestone to a play. The set makes a retried event a no-op; a play id reused for
   * another workout is refused, so one play cannot collect milestones from two workouts.
   */
  async recordMilestone(
    userId: string,
    playId: string,
    workoutId: string,
    milestone: ViewMilestone,
    now: Date,
  ): Promise<PlayRecord | 'other-workout'> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.play(userId, playId),
          UpdateExpression: 'ADD milestones :m SET workoutId = :w, updatedAt = :t',
          ConditionExpression: 'attribute_not_exists(workoutId) OR workoutId = :w',
          ExpressionAttributeValues: { ':m': new Set([milestone]), ':w': workoutId, ':t': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const reached = new Set((Attributes?.milestones as Set<string> | undefined) ?? []);
      const milestones = VIEW_MILESTONES.filter((m) => reached.has(m));
      return { playId, workoutId, milestones, qualified: isQualifiedView(milestones) };
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'other-workout';
      throw error;
    }
  }
}

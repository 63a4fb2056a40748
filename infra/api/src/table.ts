import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The API's one DynamoDB table (a global table on AWS, replicated us-east-1 ↔ us-west-1).
 * This module is the single description of it: the CDK stack and the local stack both build
 * the table from `tableDefinition`, and the repositories use the key helpers below.
 *
 * Items:
 * - user: pk `USER#<userId>`, sk `PROFILE`, attributes id, email (lowercased), name,
 *   passwordHash (scrypt, see passwords.ts), subscription (`active` | `none`), createdAt.
 *   GSI `byEmail` (partition key `email`, projection ALL) finds a user at sign-in.
 * - progress: pk `USER#<userId>`, sk `PROGRESS#<workoutId>`, attributes workoutId, positionSec,
 *   durationSec, updatedAt — where the viewer left a workout (resume). "Continue watching" is a
 *   Query of pk + `begins_with(sk, 'PROGRESS#')`, sorted by updatedAt in the handler: a viewer has
 *   at most one row per workout (bounded by the catalog), while an index on updatedAt would add
 *   index writes to every progress save (every 10 s of every play) to spare a small read.
 * - play: pk `USER#<userId>`, sk `PLAY#<playId>`, attributes workoutId, milestones (a string
 *   set of start/25/50/75/complete, so a repeated event changes nothing), updatedAt.
 */
export const DEFAULT_TABLE_NAME = 'stride-api';
export const EMAIL_INDEX = 'byEmail';

export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  progress: (userId: string, workoutId: string) => ({ pk: `USER#${userId}`, sk: `PROGRESS#${workoutId}` }),
  /** Every progress row of a viewer: pk, and the prefix their sort keys begin with. */
  progressOf: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'PROGRESS#' }),
  play: (userId: string, playId: string) => ({ pk: `USER#${userId}`, sk: `PLAY#${playId}` }),
} as const;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'email', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [{ IndexName: EMAIL_INDEX, KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  };
}

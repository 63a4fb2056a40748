import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The API's one DynamoDB table (a global table on AWS, replicated us-east-1 ↔ us-west-1).
 * This module is the single description of it: the CDK stack and the local stack both build
 * the table from `tableDefinition`, and the repositories use the key helpers below.
 *
 * Items:
 * - user: pk `USER#<userId>`, sk `PROFILE`, attributes id, email (lowercased), name,
 *   passwordHash (scrypt, see passwords.ts), subscription (`none` | `trial` | `active` |
 *   `expired`), subscriptionEndsAt (ISO, when a trial or paid period ends; absent: no end),
 *   sessionsValidAfter (epoch seconds: sessions issued before it are refused, "sign out
 *   everywhere"), createdAt. GSI `byEmail` (partition key `email`, projection ALL) finds a user
 *   at sign-in.
 * - email claim: pk `EMAIL#<email>`, sk `EMAIL`, attribute userId. Written with
 *   `attribute_not_exists(pk)` before the user item, so two sign-ups with one address cannot both
 *   succeed (a GSI cannot enforce uniqueness). No `email` attribute: it stays out of `byEmail`.
 * - throttle: pk `THROTTLE#<action>#<scope>#<key>` (e.g. `THROTTLE#login#account#a@b.c`,
 *   `THROTTLE#login#address#203.0.113.10`), sk `THROTTLE`, attributes failures, lastFailureAtMs,
 *   lockedUntilMs, and the TTL attribute (see throttle.ts for the rule and its figures).
 * - device authorization (RFC 8628): pk `DEVICE#<sha256 of the device code>`, sk `DEVICE`,
 *   attributes userCode, status (`pending` | `approved` | `denied`), userId once approved,
 *   intervalSec, lastPollAtMs, expiresAtMs, TTL; and pk `USERCODE#<user code>`, sk `USERCODE`,
 *   attribute deviceKey (the device item's pk), expiresAtMs, TTL. Codes are deleted once used.
 *
 * TTL: items with `TIME_TO_LIVE_ATTRIBUTE` (epoch seconds) are deleted by DynamoDB some time after
 * it passes, not at once, so readers also compare it with the clock
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html: "Items
 * that have expired, but haven’t yet been deleted by TTL, still appear in reads"). dynalite has
 * no UpdateTimeToLive, so locally nothing is deleted and the readers' check is all there is.
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
/** The table's TTL attribute (epoch seconds); the CDK table sets `timeToLiveAttribute` to it. */
export const TIME_TO_LIVE_ATTRIBUTE = 'ttl';

export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  progress: (userId: string, workoutId: string) => ({ pk: `USER#${userId}`, sk: `PROGRESS#${workoutId}` }),
  /** Every progress row of a viewer: pk, and the prefix their sort keys begin with. */
  progressOf: (userId: string) => ({ pk: `USER#${userId}`, skPrefix: 'PROGRESS#' }),
  play: (userId: string, playId: string) => ({ pk: `USER#${userId}`, sk: `PLAY#${playId}` }),
  emailClaim: (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' }),
  throttle: (action: string, scope: string, key: string) => ({ pk: `THROTTLE#${action}#${scope}#${key}`, sk: 'THROTTLE' }),
  device: (deviceCodeHash: string) => ({ pk: `DEVICE#${deviceCodeHash}`, sk: 'DEVICE' }),
  userCode: (userCode: string) => ({ pk: `USERCODE#${userCode}`, sk: 'USERCODE' }),
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
    GlobalSecondaryIndexes: [
      { IndexName: EMAIL_INDEX, KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ],
  };
}

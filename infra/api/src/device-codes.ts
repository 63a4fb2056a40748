import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, TIME_TO_LIVE_ATTRIBUTE } from './table';
import type { ApiTable } from './users';

/**
 * Device authorization (RFC 8628): the codes and their items in the API table.
 *
 * The user code is 8 letters from 20 consonants, shown `WDJB-MJHT` (RFC 8628 §6.1's own example
 * charset: no vowels, so no words; no digits, so no 0/O or 1/I confusion; upper case only, and
 * the dash, spaces and case are ignored on entry). 20^8 ≈ 2.56 × 10^10 codes (34.6 bits). The
 * device code the TV polls with is 32 random bytes (256 bits), stored only as its SHA-256 hash.
 * Both expire after DEVICE_CODE_TTL_SECONDS and work once.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;
export const DEVICE_CODE_TTL_SECONDS = 600;
/** RFC 8628 §3.2: the minimum seconds between polls; `slow_down` adds 5 (§3.5). */
export const POLL_INTERVAL_SECONDS = 5;
/** A poll this much early is still on time (timers and networks jitter). */
const POLL_TOLERANCE_MS = 1000;

export type DeviceStatus = 'pending' | 'approved' | 'denied';

export interface DeviceAuthorization {
  readonly deviceKey: string;
  readonly userCode: string;
  readonly status: DeviceStatus;
  readonly userId?: string | undefined;
  readonly intervalSec: number;
  readonly lastPollAtMs?: number | undefined;
  readonly expiresAtMs: number;
}

/** `WDJBMJHT` → `WDJB-MJHT`. */
export const formatUserCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** What a person typed, as a user code (upper case, separators dropped), or undefined when it cannot be one. */
export function normalizeUserCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== USER_CODE_LENGTH) return undefined;
  return [...code].every((c) => USER_CODE_ALPHABET.includes(c)) ? code : undefined;
}

export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i += 1) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

const hashOf = (deviceCode: string) => createHash('sha256').update(deviceCode).digest('base64url');

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class DeviceCodes {
  constructor(
    private readonly table: ApiTable,
    private readonly now: () => Date,
  ) {}

  /** Issues a device code and a user code (retrying the rare user-code collision). */
  async issue(): Promise<{ deviceCode: string; userCode: string; expiresAtMs: number }> {
    const nowMs = this.now().getTime();
    const expiresAtMs = nowMs + DEVICE_CODE_TTL_SECONDS * 1000;
    const ttl = Math.ceil(expiresAtMs / 1000);
    const deviceCode = randomBytes(32).toString('base64url');
    const deviceKey = hashOf(deviceCode);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const userCode = newUserCode();
      try {
        // A code still in the table but past its expiry may be reused.
        await this.table.db.send(
          new PutCommand({
            TableName: this.table.name,
            Item: { ...keys.userCode(userCode), deviceKey, expiresAtMs, [TIME_TO_LIVE_ATTRIBUTE]: ttl },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now',
            ExpressionAttributeValues: { ':now': nowMs },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) continue;
        throw error;
      }
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.device(deviceKey),
            userCode,
            status: 'pending',
            intervalSec: POLL_INTERVAL_SECONDS,
            expiresAtMs,
            [TIME_TO_LIVE_ATTRIBUTE]: ttl,
          },
        }),
      );
      return { deviceCode, userCode, expiresAtMs };
    }
    throw new Error('could not find a free user code in 5 attempts');
  }

  private async device(deviceKey: string): Promise<DeviceAuthorization | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({ TableName: this.table.name, Key: keys.device(deviceKey), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      deviceKey,
      userCode: String(Item.userCode),
      status: Item.status === 'approved' || Item.status === 'denied' ? Item.status : 'pending',
      userId: typeof Item.userId === 'string' ? Item.userId : undefined,
      intervalSec: Number(Item.intervalSec) || POLL_INTERVAL_SECONDS,
      lastPollAtMs: typeof Item.lastPollAtMs === 'number' ? Item.lastPollAtMs : undefined,
      expiresAtMs: Number(Item.expiresAtMs) || 0,
    };
  }

  /**
   * The pending authorization a user code names, or undefined when there is none (unknown,
   * expired, already decided).
   */
  async pendingByUserCode(userCode: string): Promise<DeviceAuthorization | undefined> {
    const nowMs = this.now().getTime();
    const { Item } = await this.table.db.send(
      new GetCommand({ TableName: this.table.name, Key: keys.userCode(userCode), ConsistentRead: true }),
    );
    if (!Item || Number(Item.expiresAtMs) <= nowMs) return undefined;
    const device = await this.device(String(Item.deviceKey));
    return device && device.status === 'pending' && device.expiresAtMs > nowMs ? device : undefined;
  }

  /** Records the viewer's decision; false when the authorization was decided (or expired) meanwhile. The user code is spent either way. */
  async decide(device: DeviceAuthorization, decision: 'approved' | 'denied', userId: string): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.device(device.deviceKey),
          UpdateExpression: 'SET #status = :decision, userId = :user',
          ConditionExpression: '#status = :pending AND expiresAtMs > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':decision': decision, ':user': userId, ':pending': 'pending', ':now': this.now().getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    } finally {
      await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: keys.userCode(device.userCode) }));
    }
  }

  /**
   * One poll of the token endpoint (RFC 8628 §3.4–3.5), judged in the RFC's terms. An approved or
   * denied authorization is deleted by the poll that learns it, so a device code works once.
   */
  async poll(
    deviceCode: string,
  ): Promise<
    | { outcome: 'invalid_grant' | 'expired_token' | 'slow_down' | 'authorization_pending' | 'access_denied'; intervalSec?: number }
    | { outcome: 'approved'; userId: string }
  > {
    const nowMs = this.now().getTime();
    const device = await this.device(hashOf(deviceCode));
    if (!device) return { outcome: 'invalid_grant' };
    if (device.expiresAtMs <= nowMs) return { outcome: 'expired_token' };
    const key = keys.device(device.deviceKey);
    if (device.lastPollAtMs !== undefined && nowMs - device.lastPollAtMs < device.intervalSec * 1000 - POLL_TOLERANCE_MS) {
      const intervalSec = device.intervalSec + 5;
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: key,
          UpdateExpression: 'SET intervalSec = :i, lastPollAtMs = :now',
          ExpressionAttributeValues: { ':i': intervalSec, ':now': nowMs },
        }),
      );
      return { outcome: 'slow_down', intervalSec };
    }
    if (device.status === 'pending') {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: key,
          UpdateExpression: 'SET lastPollAtMs = :now',
          ExpressionAttributeValues: { ':now': nowMs },
        }),
      );
      return { outcome: 'authorization_pending' };
    }
    try {
      // Only one poll may take the decision: the delete is conditional on the item still being there.
      await this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: key, ConditionExpression: 'attribute_exists(pk)' }));
    } catch (error) {
      if (isConditionFailure(error)) return { outcome: 'invalid_grant' };
      throw error;
    }
    return device.status === 'approved' && device.userId ? { outcome: 'approved', userId: device.userId } : { outcome: 'access_denied' };
  }
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ActivityRepository } from './activity';
import type { JWK } from 'jose';
import type { Catalog } from './catalog';
import type { MediaSigningConfig } from './media-cookies';
import { OriginGuard, type OriginSecretsReader } from './origin-guard';
import { PreviewTokens } from './previews';
import { SessionTokens } from './sessions';
import { UserRepository } from './users';

/** Everything the handler needs, injected: index.ts builds it from Lambda env, the local stack from its config. */
export interface ApiConfig {
  /** The AWS region this copy of the API runs in. */
  readonly region: string;
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Private JWK (RS256, with kid) that signs `stride_session`. */
  readonly sessionSigningKey: JWK & { kid?: string };
  readonly media: MediaSigningConfig;
  readonly catalog: Catalog;
  /** `Secure` on cookies: true on AWS (https), false on http://localhost. */
  readonly secureCookies: boolean;
  /**
   * The values CloudFront sends in `x-stride-origin-verify` (current, and previous during a
   * rotation): from Secrets Manager on AWS, from `.stride/keys/origin-verify.json` locally.
   */
  readonly readOriginSecrets: OriginSecretsReader;
  readonly now?: () => Date;
}

export interface ApiContext {
  readonly region: string;
  readonly users: UserRepository;
  readonly activity: ActivityRepository;
  readonly sessions: SessionTokens;
  /** Preview links (@stride/contract/preview), honoured for playback. */
  readonly previews: PreviewTokens;
  readonly media: MediaSigningConfig;
  readonly catalog: Catalog;
  readonly secureCookies: boolean;
  readonly originGuard: OriginGuard;
  readonly now: () => Date;
}

export async function createApiContext(config: ApiConfig): Promise<ApiContext> {
  const now = config.now ?? (() => new Date());
  return {
    region: config.region,
    users: new UserRepository(config.dynamo, config.tableName),
    activity: new ActivityRepository(config.dynamo, config.tableName),
    sessions: await SessionTokens.fromPrivateJwk(config.sessionSigningKey),
    previews: await PreviewTokens.fromPrivateJwk(config.sessionSigningKey),
    media: config.media,
    catalog: config.catalog,
    secureCookies: config.secureCookies,
    originGuard: await OriginGuard.start({ read: config.readOriginSecrets, now: () => now().getTime() }),
    now,
  };
}

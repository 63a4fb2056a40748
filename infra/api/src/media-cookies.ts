import { getSignedCookies } from '@aws-sdk/cloudfront-signer';

export interface MediaSigningConfig {
  /** The CloudFront public key id (key group member) that verifies these cookies. */
  readonly keyPairId: string;
  readonly privateKeyPem: string;
  /** The viewer-facing URL prefix of `/media`, e.g. `https://stride.example/media`; `*` wildcards allowed. */
  readonly resourceBase: string;
  /** The longest the media cookies are ever valid; a short workout's cookies live shorter (mediaCookieTtlSeconds). */
  readonly ttlSeconds: number;
}

/** Slack past a workout's nominal length: pauses, a slow start, seeking back. */
export const MEDIA_COOKIE_SLACK_SECONDS = 30 * 60;

/**
 * How long one grant's media cookies live: the workout's length plus slack, never more than the
 * configured ceiling. A leaked cookie opens one stream for about one workout; a viewer who
 * pauses past it is granted again by the player (a new playback request), under the rule again.
 */
export const mediaCookieTtlSeconds = (config: MediaSigningConfig, workoutDurationSec: number): number =>
  Math.min(config.ttlSeconds, Math.ceil(workoutDurationSec) + MEDIA_COOKIE_SLACK_SECONDS);

export const MEDIA_COOKIE_NAMES = ['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id'] as const;

/**
 * CloudFront signed cookies (custom policy) for one media folder, as Set-Cookie strings scoped
 * to /media so the browser sends them only with media requests.
 */
export function mediaCookies(
  config: MediaSigningConfig,
  mediaId: string,
  now: Date,
  secure: boolean,
  workoutDurationSec: number,
): { cookies: string[]; expiresAt: Date } {
  const ttlSeconds = mediaCookieTtlSeconds(config, workoutDurationSec);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const policy = JSON.stringify({
    Statement: [
      {
        Resource: `${config.resourceBase}/${mediaId}/*`,
        Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt.getTime() / 1000) } },
      },
    ],
  });
  const signed = getSignedCookies({ keyPairId: config.keyPairId, privateKey: config.privateKeyPem, policy });
  const attrs = `Path=/media; HttpOnly; SameSite=Lax; Max-Age=${ttlSeconds}${secure ? '; Secure' : ''}`;
  const cookies = [
    `CloudFront-Policy=${signed['CloudFront-Policy'] ?? ''}; ${attrs}`,
    `CloudFront-Signature=${signed['CloudFront-Signature']}; ${attrs}`,
    `CloudFront-Key-Pair-Id=${signed['CloudFront-Key-Pair-Id']}; ${attrs}`,
  ];
  return { cookies, expiresAt };
}

export const clearedMediaCookies = (secure: boolean): string[] =>
  MEDIA_COOKIE_NAMES.map((name) => `${name}=; Path=/media; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`);

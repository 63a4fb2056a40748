import { PREVIEW_AUDIENCE, PREVIEW_QUERY_PARAM, readPreviewClaims, type PreviewClaims } from '@stride/contract/preview';
import { takeQueryParam } from './query';
import { createTokenVerifier, type SessionConfig, type TokenCheck } from './session';

/**
 * Preview links at the edge (@stride/contract/preview holds the rule): a link's token, once
 * verified, is kept in an HttpOnly cookie; a request carrying a valid one is routed with the
 * previewed program's launch judged at the preview's instant.
 */
export type PreviewVerifier = (values: readonly string[], nowMs: number) => TokenCheck<PreviewClaims>;

/** Verified with the session's baked JWKS and issuer, but only under the preview audience. */
export function createPreviewVerifier(config: Pick<SessionConfig, 'jwks' | 'issuer'>): PreviewVerifier {
  return createTokenVerifier<PreviewClaims>(config, {
    audience: PREVIEW_AUDIENCE,
    noun: 'preview',
    readClaims: (payload) => {
      const claims = readPreviewClaims(payload);
      return typeof claims === 'string' ? { refused: claims } : { claims };
    },
  });
}

export interface PreviewLink {
  /** Every `preview=` value of the query (a link carries exactly one). */
  readonly tokens: readonly string[];
  /** The query string without them. */
  readonly rest: string;
}

/** Splits `preview=` out of a raw query string; its values are a JWT's base64url characters, so they are taken as written. */
export function takePreviewLink(querystring: string): PreviewLink {
  const { values, rest } = takeQueryParam(querystring, PREVIEW_QUERY_PARAM);
  return { tokens: values, rest };
}

/** Why a link's token was refused, in words for whoever followed it. */
export function previewRefusalText(reason: string): string {
  if (reason === 'ERR_JWT_EXPIRED') return 'this preview link has expired';
  if (reason === 'ERR_JWT_NOT_YET_VALID') return 'this preview link is not valid yet';
  return `this preview link is not valid (${reason})`;
}

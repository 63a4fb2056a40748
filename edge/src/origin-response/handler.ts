import type { CloudFrontResponse, CloudFrontResponseEvent, CloudFrontResponseResult } from 'aws-lambda';
import { headerValue } from '../shared/headers';
import { securityHeaders } from '../shared/security-headers';
import { cacheControlFor } from '@stride/contract/caching';
import { siteUriOf } from '@stride/contract/releases';
import type { OriginResponseConfig } from './config';

export type OriginResponseHandler = (event: CloudFrontResponseEvent) => Promise<CloudFrontResponseResult>;

const STATUS_TEXT: Readonly<Record<number, string>> = { 404: 'Not Found', 451: 'Unavailable For Legal Reasons' };

/**
 * Decorates what the origin answered: the status a status page stands for (the viewer-request
 * routed a missing page to `/404.html`; the bucket answers it 200), security headers, and
 * Cache-Control by kind. CloudFront caches the result, so this runs once per object per edge.
 */
export function decorateResponse(requestUri: string, response: CloudFrontResponse, config: OriginResponseConfig): CloudFrontResponse {
  // A release's copy is decorated as the site object it holds (its 404 page is a 404 page).
  const uri = siteUriOf(requestUri);
  let status = Number(response.status);
  let statusDescription = response.statusDescription;
  const pageStatus = config.statusObjects[uri];
  if (pageStatus !== undefined && status === 200) {
    status = pageStatus;
    statusDescription = STATUS_TEXT[pageStatus] ?? statusDescription;
  }
  const headers = { ...response.headers, ...securityHeaders() };
  headers['cache-control'] = [{ key: 'Cache-Control', value: cacheControlFor(uri, status, headerValue(response.headers, 'content-type')) }];
  return { ...response, status: String(status), statusDescription, headers };
}

/** The Lambda@Edge adapter; never throws: on an internal error the origin's response passes as it came. */
export function createOriginResponseHandler(
  config: OriginResponseConfig,
  log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): OriginResponseHandler {
  return async (event) => {
    const record = event?.Records?.[0]?.cf;
    const response = record?.response;
    try {
      if (!response) throw new Error('the event has no CloudFront response record');
      return decorateResponse(typeof record.request?.uri === 'string' ? record.request.uri : '', response, config);
    } catch (error) {
      log('origin-response: internal error, passing the origin response through', error);
      return response ?? { status: '502', statusDescription: 'Bad Gateway', headers: {} };
    }
  };
}

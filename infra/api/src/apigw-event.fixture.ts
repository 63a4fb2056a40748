import { ORIGIN_VERIFY_HEADER } from '@stride/contract/origin-access';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The origin-verify value tests configure the API with, and that CloudFront-like events carry. */
export const TEST_ORIGIN_SECRET = 'test-origin-verify-0123456789abcdef';
export const TEST_ORIGIN_SECRET_JSON = JSON.stringify({ current: TEST_ORIGIN_SECRET });
export const readTestOriginSecrets = (): Promise<readonly string[]> => Promise.resolve([TEST_ORIGIN_SECRET]);

/**
 * An HTTP API (payload format 2.0) event as API Gateway sends it to Lambda. By default the request
 * came through CloudFront (it carries the origin-verify header); `via: 'direct'` is one that
 * reached the region around it.
 */
export function httpApiEvent(
  method: string,
  rawPath: string,
  init: { rawQueryString?: string; body?: string; via?: 'cloudfront' | 'direct'; country?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: init.rawQueryString ?? '',
    headers: {
      host: 'api.stride.local',
      'user-agent': 'vitest',
      ...(init.via === 'direct' ? {} : { [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_SECRET }),
      ...(init.country === undefined ? {} : { 'cloudfront-viewer-country': init.country }),
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'api.stride.local',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:06:00:00 +0000',
      timeEpoch: 1795327200000,
    },
    isBase64Encoded: false,
    ...(init.body === undefined ? {} : { body: init.body }),
  };
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP API (payload format 2.0) event as API Gateway sends it to Lambda. */
export function httpApiEvent(method: string, rawPath: string, init: { rawQueryString?: string; body?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: init.rawQueryString ?? '',
    headers: { host: 'api.stride.local', 'user-agent': 'vitest' },
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

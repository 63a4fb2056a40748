import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** Every API answer is JSON, never cached by the CDN, and says which region produced it. */
export function jsonResponse(statusCode: number, body: unknown, region: string): ApiResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-stride-region': region,
    },
    body: JSON.stringify(body),
  };
}

export const errorResponse = (statusCode: number, message: string, region: string): ApiResult =>
  jsonResponse(statusCode, { error: message }, region);

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** Every API answer is JSON, never cached by the CDN, and says which region produced it. */
export function jsonResponse(statusCode: number, body: unknown, region: string, cookies?: string[]): ApiResult {
  const result: ApiResult = {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-stride-region': region,
    },
    body: JSON.stringify(body),
  };
  if (cookies && cookies.length > 0) result.cookies = cookies;
  return result;
}

export const errorResponse = (statusCode: number, message: string, region: string): ApiResult =>
  jsonResponse(statusCode, { error: message }, region);

/** A client mistake the router turns into a 4xx with this message. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

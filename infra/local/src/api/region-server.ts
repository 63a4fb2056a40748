import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Context } from 'aws-lambda';
import type { ApiHandler } from '../../../api/src/handler';
import { fromHttpApiResult, toHttpApiEvent } from './apigw-event';
import type { ReservedConcurrency } from './concurrency';
import type { RegionFaults } from './faults';

/** API Gateway HTTP APIs reject payloads over 10 MB with 413. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface RegionOptions {
  readonly region: string;
  readonly handler: ApiHandler;
  /** The function's reserved concurrency: at 0 every invocation throttles. */
  readonly concurrency: ReservedConcurrency;
  /** Injected faults (error share, added latency); none when absent. */
  readonly faults?: RegionFaults;
}

class PayloadTooLarge extends Error {}

/** The body, or PayloadTooLarge once past the limit (the rest is drained, not kept, so the 413 can be sent). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_PAYLOAD_BYTES ? reject(new PayloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function lambdaContext(region: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'stride-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:stride-api`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/stride-api',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** One local "region": API Gateway (HTTP API, payload 2.0) in front of the API Lambda. */
export function createRegionServer({ region, handler, concurrency, faults }: RegionOptions): Server {
  const apiId = `local-${region}`;
  return createServer(async (req, res) => {
    const gatewayError = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-stride-region': region, 'apigw-requestid': apiId });
      res.end(JSON.stringify({ message }));
    };
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLarge) gatewayError(413, 'Request Entity Too Large');
      return;
    }
    // Lambda throttles (reserved concurrency exhausted, or 0): the Invoke call is rejected with 429,
    // and API Gateway answers the viewer 500 {"message":"Internal Server Error"}, not 429 ("If the
    // Lambda API rejects the invocation request, API Gateway returns a 500 error code",
    // https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
    if (!concurrency.tryAcquire()) {
      gatewayError(500, 'Internal Server Error');
      return;
    }
    const event = toHttpApiEvent(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
      apiId,
    );
    try {
      // An added delay holds the invocation (and its concurrency) before the function runs, as FIS's does.
      if (faults && faults.addedLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.addedLatencyMs));
      if (faults?.shouldFail()) {
        // A failed invocation: API Gateway (HTTP API) answers 500 {"message":"Internal Server Error"}
        // ("If the Lambda API rejects the invocation request, API Gateway returns a 500 error code",
        // https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; the HTTP API's
        // body: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
        gatewayError(500, 'Internal Server Error');
        return;
      }
      const result = await (handler as (e: typeof event, c: Context) => ReturnType<ApiHandler>)(
        event,
        lambdaContext(region, event.requestContext.requestId),
      );
      const parts = fromHttpApiResult(result);
      res.writeHead(parts.statusCode, { 'x-stride-region': region, ...parts.headers });
      res.end(req.method === 'HEAD' ? undefined : parts.body);
    } catch (error) {
      // What API Gateway answers when the integration throws.
      console.error(`[${region}] API handler threw:`, error);
      gatewayError(500, 'Internal Server Error');
    } finally {
      concurrency.release();
    }
  });
}

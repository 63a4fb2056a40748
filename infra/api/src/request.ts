import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { RequestError } from './responses';

/** A cookie's value from a payload-2.0 event (API Gateway moves cookies into `event.cookies`). */
export function cookieValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === name) return cookie.slice(eq + 1).trim();
  }
  return undefined;
}

/** The JSON body validated by a schema, or a 400 naming what is wrong. */
export function jsonBody<T>(event: APIGatewayProxyEventV2, schema: z.ZodType<T>): T {
  const type = event.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new RequestError(415, 'Send the body as JSON with Content-Type: application/json');
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new RequestError(400, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

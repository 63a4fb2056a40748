import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { invalidationBatch } from '../cloudfront/invalidations';
import { REGIONS, type Region } from '../config';
import type { ConsoleStack } from './state';
import { CLOUDFRONT_API_PREFIX, handleCloudFrontApi } from './cloudfront-api';
import { uplotAsset } from '../../../drill/src/record/html';
import { DRILLS_PAGE } from './drills-page';
import { DrillRefused, DrillRunner } from './drills';
import { CONSOLE_PAGE } from './page';
import { isSlug, SLUG_RULE } from '@stride/contract/ids';
import { PREVIEW_MAX_TTL_SEC } from '@stride/contract/preview';

const MAX_BODY = 64 * 1024;

/** POST /api/previews: what the launch CLI asks to be signed (it has checked the program is in the live release). */
const previewBody = z
  .strictObject({
    program: z.string({ error: `must be a program slug (${SLUG_RULE})` }).refine(isSlug, `must be a program slug (${SLUG_RULE})`),
    asOf: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-12-24T06:00:00Z' }),
    expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-12-24T06:00:00Z' }),
  })
  .refine((b) => Date.parse(b.expiresAt) > Date.now(), { path: ['expiresAt'], message: 'must be in the future' })
  .refine((b) => Date.parse(b.expiresAt) - Date.now() <= PREVIEW_MAX_TTL_SEC * 1000, {
    path: ['expiresAt'],
    message: 'must be at most a week away',
  });

const drillBody = z.strictObject({
  scenario: z.string({ error: 'must name a scenario' }).min(1, 'must name a scenario'),
  viewers: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(100, 'must be at most 100').optional(),
  playSec: z.number().int('must be a whole number').min(2, 'must be 2 or more').max(3600, 'must be at most 3600').optional(),
  maxDurationSec: z.number().int('must be a whole number').min(10, 'must be 10 or more').max(3600, 'must be at most 3600').optional(),
});

const concurrencyBody = z.strictObject({
  reservedConcurrency: z.union(
    [z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000'), z.null()],
    {
      error: 'must be a whole number (0 throttles every call) or null (unreserved)',
    },
  ),
});
const originBody = z.strictObject({ available: z.boolean({ error: 'must be true or false' }) });
const faultsBody = z
  .strictObject({
    errorShare: z
      .number({ error: 'must be a number from 0 to 1 (0.5 fails half the invocations)' })
      .min(0, 'must be 0 or more')
      .max(1, 'must be at most 1')
      .optional(),
    addedLatencyMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(60_000, 'must be at most 60000')
      .optional(),
  })
  .refine((b) => b.errorShare !== undefined || b.addedLatencyMs !== undefined, { error: 'give errorShare (0–1) and/or addedLatencyMs' });
const replicationBody = z
  .strictObject({
    paused: z.boolean({ error: 'must be true or false' }).optional(),
    lagMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(600_000, 'must be at most 600000')
      .optional(),
  })
  .refine((b) => b.paused !== undefined || b.lagMs !== undefined, { error: 'give paused (true|false) and/or lagMs' });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body, null, 2));
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw new HttpError(415, 'Send JSON with Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `Body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The local console (SRE page + JSON): state, reserved concurrency per region (the local
 * PutFunctionConcurrency / DeleteFunctionConcurrency), origin availability, invalidations
 * (JSON here, and CloudFront's own XML API for SDK clients: see cloudfront-api.ts).
 */
export function createConsoleServer(stack: ConsoleStack, options: { readonly drillsDir?: string } = {}): Server {
  const drills = options.drillsDir
    ? new DrillRunner(options.drillsDir, () => ({ console: stack.consoleUrl, site: stack.siteUrl }))
    : undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console.local');
    const method = req.method ?? 'GET';
    const handle = async () => {
      if (url.pathname === '/' && method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(CONSOLE_PAGE);
        return;
      }
      if (url.pathname === '/api/state' && method === 'GET') return send(res, 200, stack.state());
      if (url.pathname === '/drills' || url.pathname.startsWith('/api/drills') || url.pathname.startsWith('/assets/uplot')) {
        if (!drills) throw new HttpError(404, 'Drills are not enabled on this console');
        return handleDrills(drills, req, res, url.pathname, method);
      }
      if (url.pathname.startsWith(CLOUDFRONT_API_PREFIX) && (await handleCloudFrontApi(req, res, url.pathname, stack.invalidations)))
        return;
      const region = /^\/api\/regions\/([^/]+)\/concurrency$/.exec(url.pathname);
      if (region) {
        const name = decodeURIComponent(region[1] ?? '') as Region;
        if (!REGIONS.includes(name)) throw new HttpError(404, `No region ${name}; regions are ${REGIONS.join(', ')}`);
        if (method === 'PUT') {
          const { reservedConcurrency } = await readJson(req, concurrencyBody);
          stack.setReservedConcurrency(name, reservedConcurrency);
        } else if (method === 'DELETE') stack.setReservedConcurrency(name, null);
        else if (method !== 'GET') throw new HttpError(405, `${method} not allowed; use GET, PUT or DELETE`);
        return send(res, 200, { region: name, reservedConcurrency: stack.regions[name].concurrency.reserved });
      }
      const faults = /^\/api\/regions\/([^/]+)\/faults$/.exec(url.pathname);
      if (faults) {
        const name = decodeURIComponent(faults[1] ?? '') as Region;
        if (!REGIONS.includes(name)) throw new HttpError(404, `No region ${name}; regions are ${REGIONS.join(', ')}`);
        const target = stack.regions[name].faults;
        if (method === 'PUT') {
          const body = await readJson(req, faultsBody);
          if (body.errorShare !== undefined) target.errorShare = body.errorShare;
          if (body.addedLatencyMs !== undefined) target.addedLatencyMs = body.addedLatencyMs;
        } else if (method === 'DELETE') target.clear();
        else if (method !== 'GET')
          throw new HttpError(405, `${method} not allowed; use GET, PUT {"errorShare", "addedLatencyMs"} or DELETE`);
        return send(res, 200, {
          region: name,
          errorShare: target.errorShare,
          addedLatencyMs: target.addedLatencyMs,
          injectedErrors: target.injectedErrors,
        });
      }
      if (url.pathname === '/api/replication') {
        const replication = stack.dynamo.replication;
        if (method === 'PUT') {
          const body = await readJson(req, replicationBody);
          if (body.lagMs !== undefined) replication.setLag(body.lagMs);
          if (body.paused === true) replication.pause();
          if (body.paused === false) replication.resume();
        } else if (method !== 'GET') throw new HttpError(405, `${method} not allowed; use GET or PUT {"paused": true|false, "lagMs": n}`);
        return send(res, 200, replication.status());
      }
      const origin = /^\/api\/origins\/([^/]+)$/.exec(url.pathname);
      if (origin) {
        const bucket = [stack.site.primary, stack.site.replica, stack.media.primary, stack.media.replica].find(
          (b) => b.name === decodeURIComponent(origin[1] ?? ''),
        );
        if (!bucket) throw new HttpError(404, `No origin ${origin[1] ?? ''}`);
        if (method !== 'PUT') throw new HttpError(405, 'Use PUT with {"available": true|false}');
        bucket.available = (await readJson(req, originBody)).available;
        return send(res, 200, { name: bucket.name, available: bucket.available });
      }
      if (url.pathname === '/api/calendar' && method === 'GET') return send(res, 200, await stack.calendar());
      if (url.pathname === '/api/previews') {
        if (method !== 'POST') throw new HttpError(405, 'POST a preview to sign: {"program", "asOf", "expiresAt"}');
        const body = await readJson(req, previewBody);
        const token = await stack.previews.sign({
          program: body.program,
          asOf: new Date(body.asOf),
          expiresAt: new Date(body.expiresAt),
          now: new Date(),
        });
        return send(res, 201, {
          token,
          program: body.program,
          asOf: new Date(body.asOf).toISOString(),
          expiresAt: new Date(body.expiresAt).toISOString(),
        });
      }
      if (url.pathname === '/api/invalidations') {
        if (method === 'GET') return send(res, 200, { items: stack.invalidations.history });
        if (method !== 'POST') throw new HttpError(405, 'Use POST with {"paths": ["/index.html", "/programs/*"]}');
        return send(res, 201, { invalidation: stack.invalidations.create(await readJson(req, invalidationBatch)) });
      }
      throw new HttpError(404, `Nothing at ${url.pathname}`);
    };
    handle().catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      console.error('console: unexpected failure', error);
      send(res, 500, { error: 'The console failed on this request; see the stack output.' });
    });
  });
  // A stack that stops stops its drill too (which rolls back first).
  server.on('close', () => void drills?.stop());
  return server;
}

/** The Drills page and its JSON: start, watch, stop, past reports. */
async function handleDrills(
  drills: DrillRunner,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  method: string,
): Promise<void> {
  const text = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (pathname === '/drills' && method === 'GET') return text(200, 'text/html', DRILLS_PAGE);
  if (pathname === '/assets/uplot.js' && method === 'GET') return text(200, 'text/javascript', uplotAsset('js'));
  if (pathname === '/assets/uplot.css' && method === 'GET') return text(200, 'text/css', uplotAsset('css'));
  if (pathname === '/api/drills') {
    if (method === 'GET') return send(res, 200, { scenarios: drills.scenarios(), ...drills.status() });
    if (method !== 'POST') throw new HttpError(405, 'Use GET, or POST {"scenario": "region-kill"} to start a drill');
    try {
      const id = await drills.start(await readJson(req, drillBody));
      return send(res, 202, { id, report: `/api/drills/${id}/report.html` });
    } catch (error) {
      if (error instanceof DrillRefused) return send(res, error.status, { error: error.message, reasons: error.reasons });
      throw error;
    }
  }
  if (pathname === '/api/drills/current') {
    if (method !== 'DELETE') throw new HttpError(405, 'Use DELETE to stop the running drill (it rolls back)');
    if (!(await drills.stop())) throw new HttpError(404, 'No drill is running');
    return send(res, 200, { stopped: true });
  }
  const file = /^\/api\/drills\/([^/]+)\/(report\.html|journal\.json|junit\.xml)$/.exec(pathname);
  if (file && method === 'GET') {
    const name = file[2] as 'report.html' | 'journal.json' | 'junit.xml';
    const body = drills.file(decodeURIComponent(file[1] ?? ''), name);
    if (body === undefined) throw new HttpError(404, `No ${name} for drill ${file[1] ?? ''}`);
    return text(200, name.endsWith('.html') ? 'text/html' : name.endsWith('.json') ? 'application/json' : 'application/xml', body);
  }
  throw new HttpError(404, `Nothing at ${pathname}`);
}

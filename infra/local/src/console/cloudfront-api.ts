import type { IncomingMessage, ServerResponse } from 'node:http';
import { DISTRIBUTION_ID } from '../cloudfront/edge-event';
import { invalidationBatch, type Invalidation, type Invalidations } from '../cloudfront/invalidations';

/**
 * CloudFront's REST API for invalidations (2020-05-31, XML), so tools written against the AWS
 * SDK (`new CloudFrontClient({ endpoint: <console URL> })`) drive the local distribution unchanged:
 * CreateInvalidation, GetInvalidation, ListInvalidations.
 */
export const CLOUDFRONT_API_PREFIX = '/2020-05-31/distribution/';
const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const MAX_BODY = 1024 * 1024;

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()] as string;
    const code = e.startsWith('#x') || e.startsWith('#X') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
const tagValues = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1] ?? ''));

function sendXml(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': crypto.randomUUID(), ...headers });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

const sendError = (res: ServerResponse, status: number, code: string, message: string) =>
  sendXml(
    res,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${crypto.randomUUID()}</RequestId></ErrorResponse>`,
  );

const invalidationXml = (i: Invalidation) =>
  `<Invalidation xmlns="${XMLNS}"><Id>${i.Id}</Id><Status>${i.Status}</Status><CreateTime>${i.CreateTime}</CreateTime><InvalidationBatch><Paths><Quantity>${i.InvalidationBatch.Paths.Quantity}</Quantity><Items>${i.InvalidationBatch.Paths.Items.map((p) => `<Path>${escapeXml(p)}</Path>`).join('')}</Items></Paths><CallerReference>${escapeXml(i.InvalidationBatch.CallerReference)}</CallerReference></InvalidationBatch></Invalidation>`;

async function readText(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Handles a request under /2020-05-31/distribution/; false when the path is not one of ours. */
export async function handleCloudFrontApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  invalidations: Invalidations,
): Promise<boolean> {
  const match = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation(?:\/([^/]+))?$/.exec(pathname);
  if (!match) return false;
  const [, distributionId, invalidationId] = match;
  if (distributionId !== DISTRIBUTION_ID) {
    sendError(res, 404, 'NoSuchDistribution', `The local stack has one distribution, ${DISTRIBUTION_ID}; got ${distributionId ?? ''}.`);
    return true;
  }
  const method = req.method ?? 'GET';
  if (invalidationId) {
    const found = invalidations.history.find((i) => i.Id === invalidationId);
    if (method !== 'GET') sendError(res, 405, 'MethodNotAllowed', 'Use GET');
    else if (!found) sendError(res, 404, 'NoSuchInvalidation', `No invalidation ${invalidationId}`);
    else sendXml(res, 200, invalidationXml(found));
    return true;
  }
  if (method === 'GET') {
    const items = invalidations.history
      .map(
        (i) =>
          `<InvalidationSummary><Id>${i.Id}</Id><CreateTime>${i.CreateTime}</CreateTime><Status>${i.Status}</Status></InvalidationSummary>`,
      )
      .join('');
    sendXml(
      res,
      200,
      `<InvalidationList xmlns="${XMLNS}"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>${invalidations.history.length}</Quantity><Items>${items}</Items></InvalidationList>`,
    );
    return true;
  }
  if (method !== 'POST') {
    sendError(res, 405, 'MethodNotAllowed', 'Use POST to create an invalidation');
    return true;
  }
  const xml = await readText(req);
  if (xml === undefined || !xml.includes('<InvalidationBatch')) {
    sendError(res, 400, 'MalformedInput', 'The body must be an InvalidationBatch XML document under 1 MB');
    return true;
  }
  const paths = tagValues(xml, 'Path');
  const quantity = Number(tagValues(xml, 'Quantity')[0]);
  const callerReference = tagValues(xml, 'CallerReference')[0];
  if (quantity !== paths.length) {
    sendError(res, 400, 'InconsistentQuantities', `Quantity ${String(quantity)} does not match the ${paths.length} path(s) given`);
    return true;
  }
  const parsed = invalidationBatch.safeParse({ paths, callerReference });
  if (!parsed.success) {
    sendError(res, 400, 'InvalidArgument', parsed.error.issues.map((i) => i.message).join('; '));
    return true;
  }
  const created = invalidations.create(parsed.data);
  sendXml(res, 201, invalidationXml(created), {
    location: `http://${req.headers.host ?? 'localhost'}${CLOUDFRONT_API_PREFIX}${DISTRIBUTION_ID}/invalidation/${created.Id}`,
  });
  return true;
}

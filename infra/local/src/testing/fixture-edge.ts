import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Lambda@Edge bundles for the integration tests, one per event type, each misbehaving on purpose
 * under its own path prefix so one stack can exercise every rule. CommonJS, `index.handler`,
 * exactly as edge/dist bundles are loaded.
 */
const FUNCTIONS: Record<string, string> = {
  'viewer-request': `
exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  const uri = request.uri;
  if (uri === '/vr/throw') throw new Error('viewer-request blew up');
  if (uri === '/vr/timeout') return new Promise(() => {});
  if (uri === '/vr/generated') return { status: '200', headers: { 'content-type': [{ key: 'Content-Type', value: 'text/plain' }] }, body: 'generated at viewer-request' };
  if (uri === '/vr/too-big') return { status: '200', body: 'x'.repeat(41 * 1024) };
  if (uri === '/vr/read-only') { request.headers.host = [{ key: 'Host', value: 'evil.example' }]; return request; }
  if (uri === '/vr/disallowed') { request.headers['x-real-ip'] = [{ key: 'X-Real-IP', value: '1.2.3.4' }]; return request; }
  if (uri === '/vr/invalid') return { nonsense: true };
  if (uri === '/vr/country') {
    const country = (request.headers['cloudfront-viewer-country'] || []).map((h) => h.value).join(',');
    return { status: '200', headers: { 'content-type': [{ key: 'Content-Type', value: 'text/plain' }] }, body: 'country=' + country };
  }
  request.headers['x-viewer-request'] = [{ key: 'X-Viewer-Request', value: 'ran' }];
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  return request;
};`,
  'origin-request': `
exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  if (!request.headers['x-viewer-request']) throw new Error('origin-request did not see the viewer-request header');
  if (request.uri === '/or/generated.html') return { status: '200', headers: { 'cache-control': [{ key: 'Cache-Control', value: 'max-age=60' }] }, body: 'generated at origin-request' };
  if (request.uri === '/or/too-big.html') return { status: '200', body: 'x'.repeat(1024 * 1024 + 1) };
  if (request.uri === '/or/read-only.html') { request.headers['if-none-match'] = [{ key: 'If-None-Match', value: '"x"' }]; return request; }
  return request;
};`,
  'origin-response': `
const RULES = [['/ttl/', 'max-age=60'], ['/swr/', 'max-age=10, stale-while-revalidate=30'], ['/nostore/', 'no-store'], ['/smax/', 's-maxage=100, max-age=5'], ['/huge/', 'max-age=999999999']];
exports.handler = async (event) => {
  const { request, response } = event.Records[0].cf;
  const rule = RULES.find(([prefix]) => request.uri.startsWith(prefix));
  if (rule) response.headers['cache-control'] = [{ key: 'Cache-Control', value: rule[1] }];
  response.headers['x-origin-response'] = [{ key: 'X-Origin-Response', value: 'ran' }];
  if (request.uri === '/ores/via.html') response.headers.via = [{ key: 'Via', value: 'changed' }];
  return response;
};`,
  'viewer-response': `
exports.handler = async (event) => {
  const response = event.Records[0].cf.response;
  response.headers['x-viewer-response'] = [{ key: 'X-Viewer-Response', value: 'ran' }];
  return response;
};`,
};

export function writeFixtureEdge(dir: string): void {
  for (const [type, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(path.join(dir, type), { recursive: true });
    writeFileSync(path.join(dir, type, 'index.js'), source);
  }
}

import type { CloudFrontRequest } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { RouteManifest } from '../config/route-manifest';
import { viewerRequestEvent } from './fixtures/events';
import { createViewerRequestHandler } from './handler';

const manifest: RouteManifest = {
  version: 1,
  routes: [
    { path: '/', object: '/index.html' },
    { path: '/programs/hiit-30', object: '/programs/hiit-30/index.html' },
  ],
  notFound: '/404.html',
};
const handler = createViewerRequestHandler({ manifest });

const forwarded = async (uri: string, querystring = ''): Promise<CloudFrontRequest> => {
  const result = await handler(viewerRequestEvent(uri, querystring));
  if (!result || 'status' in result) throw new Error(`expected a forwarded request, got ${JSON.stringify(result)}`);
  return result as CloudFrontRequest;
};

describe('viewer-request handler', () => {
  it('rewrites the home page to its object', async () => {
    expect((await forwarded('/')).uri).toBe('/index.html');
  });

  it('rewrites a pretty program URL and keeps the query string and headers', async () => {
    const request = await forwarded('/programs/hiit-30', 'utm_source=mail');
    expect(request.uri).toBe('/programs/hiit-30/index.html');
    expect(request.querystring).toBe('utm_source=mail');
    expect(request.headers.host?.[0]?.value).toBe('d111111abcdef8.cloudfront.net');
  });

  it('accepts a trailing slash on a known page', async () => {
    expect((await forwarded('/programs/hiit-30/')).uri).toBe('/programs/hiit-30/index.html');
  });

  it('passes assets and unknown paths through unchanged', async () => {
    expect((await forwarded('/assets/index-abc123.js')).uri).toBe('/assets/index-abc123.js');
    expect((await forwarded('/data/programs/hiit-30.json')).uri).toBe('/data/programs/hiit-30.json');
    expect((await forwarded('/no/such/page')).uri).toBe('/no/such/page');
  });
});

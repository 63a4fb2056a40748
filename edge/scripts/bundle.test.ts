import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CloudFrontRequest, CloudFrontRequestHandler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { viewerRequestEvent } from '../src/viewer-request/fixtures/events';
import { edgePaths } from './paths';

// The bundle as Lambda@Edge loads it: CommonJS, `index.handler`, config baked in. `npm test`
// builds before it runs unit tests, so a missing bundle is a failure, not a skip.
describe('edge/dist/viewer-request bundle', () => {
  const file = edgePaths.bundle('viewer-request');

  it('exists and exports handler', () => {
    expect(existsSync(file), `${file} missing: run npm run build`).toBe(true);
    const mod = createRequire(import.meta.url)(file) as { handler?: unknown };
    expect(typeof mod.handler).toBe('function');
  });

  it('routes with the baked-in route manifest', async () => {
    const { handler } = createRequire(import.meta.url)(file) as { handler: CloudFrontRequestHandler };
    const result = (await handler(viewerRequestEvent('/programs/hiit-30'), {} as never, () => undefined)) as CloudFrontRequest;
    expect(result.uri).toBe('/programs/hiit-30/index.html');
  });
});

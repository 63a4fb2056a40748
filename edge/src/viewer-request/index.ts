import type { ViewerRequestConfig } from './config';
import { createViewerRequestHandler } from './handler';
import { bakedSnapshot, createReleaseRouting } from './release-routing';
import { canReadReleases, s3ReleaseReader } from './s3-release-reader';

// Lambda@Edge has no environment variables: edge/scripts/build.ts bakes the config in here.
declare const __STRIDE_VIEWER_REQUEST_CONFIG__: ViewerRequestConfig;

const config = __STRIDE_VIEWER_REQUEST_CONFIG__;
// The baked manifest is the first good copy; the live release replaces it once read.
export const handler = createViewerRequestHandler(
  config,
  config.release && canReadReleases()
    ? { routing: createReleaseRouting(bakedSnapshot(config.manifest), s3ReleaseReader(config.release)) }
    : {},
);

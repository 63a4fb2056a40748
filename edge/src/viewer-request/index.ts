import type { ViewerRequestConfig } from './config';
import { createViewerRequestHandler } from './handler';

// Lambda@Edge has no environment variables: edge/scripts/build.ts bakes the config in here.
declare const __STRIDE_VIEWER_REQUEST_CONFIG__: ViewerRequestConfig;

export const handler = createViewerRequestHandler(__STRIDE_VIEWER_REQUEST_CONFIG__);

import type { OriginResponseConfig } from './config';
import { createOriginResponseHandler } from './handler';

// Lambda@Edge has no environment variables: edge/scripts/build.ts bakes the config in here.
declare const __STRIDE_ORIGIN_RESPONSE_CONFIG__: OriginResponseConfig;

export const handler = createOriginResponseHandler(__STRIDE_ORIGIN_RESPONSE_CONFIG__);

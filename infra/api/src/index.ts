import { createApiHandler } from './handler';

// Lambda entry point (handler: index.handler). AWS_REGION is set by the Lambda runtime.
export const handler = createApiHandler({ region: process.env.AWS_REGION ?? 'unknown-region' });

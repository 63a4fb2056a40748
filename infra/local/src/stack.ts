import type { Server } from 'node:http';
import { createApiHandler } from '../../api/src/handler';
import { createRegionServer } from './api/region-server';
import { BucketOrigin } from './cloudfront/bucket-origin';
import { createDistribution } from './cloudfront/distribution';
import { loadEdgeFunction } from './cloudfront/edge-function';
import type { LocalStackConfig } from './config';
import { close, listen, LOOPBACK } from './listen';
import { localPaths } from './paths';

export const API_DOMAIN = 'api.stride.local';
export const PRIMARY_REGION = 'us-east-1';

export interface RunningStack {
  readonly siteUrl: string;
  readonly regions: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts every local part on loopback; on failure, closes whatever had started. */
export async function startLocalStack(config: LocalStackConfig): Promise<RunningStack> {
  const servers: Server[] = [];
  const closeAll = () => Promise.all(servers.map(close)).then(() => undefined);
  try {
    const regionServer = createRegionServer({ region: PRIMARY_REGION, handler: createApiHandler({ region: PRIMARY_REGION }) });
    servers.push(regionServer);
    const apiPort = await listen(regionServer, config.apiPort, `API ${PRIMARY_REGION}`, 'STRIDE_API_PORT');

    const distribution = createDistribution({
      viewerRequest: loadEdgeFunction('viewer-request', localPaths.edgeBundle('viewer-request')),
      siteBucket: new BucketOrigin('stride-site-primary', localPaths.siteBucket),
      apiOrigin: { domainName: API_DOMAIN, host: LOOPBACK, port: apiPort },
    });
    servers.push(distribution);
    const sitePort = await listen(distribution, config.sitePort, 'local CloudFront', 'PORT');

    return {
      siteUrl: `http://localhost:${sitePort}`,
      regions: { [PRIMARY_REGION]: `http://localhost:${apiPort}` },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

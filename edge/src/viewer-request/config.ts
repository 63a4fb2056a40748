import type { RouteManifest } from '../config/route-manifest';
import type { SessionConfig } from './session';

/** Everything the viewer-request knows, baked in at build by edge/scripts/build.ts. */
export interface ViewerRequestConfig {
  readonly manifest: RouteManifest;
  readonly session: SessionConfig;
}

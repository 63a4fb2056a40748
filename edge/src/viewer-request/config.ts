import type { RouteManifest } from '../config/route-manifest';
import type { ReleaseSourceConfig } from './s3-release-reader';
import type { SessionConfig } from './session';

/** Everything the viewer-request knows, baked in at build by edge/scripts/build.ts. */
export interface ViewerRequestConfig {
  readonly manifest: RouteManifest;
  readonly session: SessionConfig;
  /** The bucket holding the live release; absent: route by `manifest` only. */
  readonly release?: ReleaseSourceConfig;
}

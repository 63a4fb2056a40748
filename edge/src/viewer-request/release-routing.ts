import {
  assertReleaseManifest,
  isHashedAssetKey,
  RELEASE_MAX_STALENESS_MS,
  RELEASE_REFRESH_MS,
  storedKey,
  type LivePointer,
  type ReleaseManifest,
} from '@stride/contract/releases';
import { assertRouteManifest, type RouteManifest } from '../config/route-manifest';
import { compileRoutes, type RouteTable } from './route-table';

/**
 * The routing the viewer-request answers by, read from the live release (@stride/contract/releases)
 * with bounded staleness, per container:
 * - a request never waits while the copy is younger than RELEASE_REFRESH_MS;
 * - past it, one read starts in the background and the request goes on with the copy it has;
 * - past RELEASE_MAX_STALENESS_MS (a container idle or frozen mid-read), the request waits for the
 *   read, at most `readTimeoutMs`;
 * - a failed or invalid read keeps the last good copy (the one baked in at build before the first
 *   read): never an empty or half-read one. Fail closed, never open.
 */

/** Reads the live pointer and a release's manifest (S3 GetObject on AWS and locally). */
export interface ReleaseReader {
  pointer(): Promise<LivePointer | undefined>;
  manifest(id: string): Promise<unknown>;
}

/** One release's routing, compiled once: the route table and where each site object is stored. */
export interface RoutingSnapshot {
  readonly release: string | undefined;
  readonly table: RouteTable;
  /**
   * Site object URI ("/programs/x/index.html") → the URI of its bytes in the release (itself for
   * the baked routing). An object the release does not have is its 404 page, except a hashed
   * asset: an older release's page still open in a tab loads its own (kept at least 7 days).
   */
  readonly objectUri: (uri: string) => string;
}

export interface ReleaseRoutingOptions {
  readonly now?: () => number;
  readonly refreshMs?: number;
  readonly maxStalenessMs?: number;
  /** How long a request waits for a read past the staleness bound. @default 1000 */
  readonly readTimeoutMs?: number;
  readonly log?: (message: string, error: unknown) => void;
}

export interface ReleaseRouting {
  /** The snapshot to route by; a promise only when the copy is past its staleness bound. */
  current(): RoutingSnapshot | Promise<RoutingSnapshot>;
}

/** The baked routing (no release read yet): objects are their own keys. */
export const bakedSnapshot = (manifest: RouteManifest): RoutingSnapshot => ({
  release: undefined,
  table: compileRoutes(manifest),
  objectUri: (uri) => uri,
});

export function compileReleaseSnapshot(manifest: ReleaseManifest): RoutingSnapshot {
  assertRouteManifest(manifest.routing, `release ${manifest.id} routing`);
  const stored = new Map<string, string>();
  for (const [key, object] of Object.entries(manifest.objects)) stored.set(`/${key}`, `/${storedKey(key, object)}`);
  const notFound = stored.get(manifest.routing.notFound) ?? manifest.routing.notFound;
  return {
    release: manifest.id,
    table: compileRoutes(manifest.routing),
    objectUri: (uri) => stored.get(uri) ?? (isHashedAssetKey(uri) ? uri : notFound),
  };
}

export function createReleaseRouting(initial: RoutingSnapshot, reader: ReleaseReader, options: ReleaseRoutingOptions = {}): ReleaseRouting {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? RELEASE_REFRESH_MS;
  const maxStalenessMs = options.maxStalenessMs ?? RELEASE_MAX_STALENESS_MS;
  const readTimeoutMs = options.readTimeoutMs ?? 1000;
  const log = options.log ?? ((message, error) => console.error(message, error));
  let snapshot = initial;
  // Never read yet: the baked copy is as old as the build, so the first request waits for a read.
  let readAt = Number.NEGATIVE_INFINITY;
  /** After a failed read: no new read before this instant, and no request waits for one. */
  let retryAt = Number.NEGATIVE_INFINITY;
  let lastFailed = false;
  let inFlight: Promise<RoutingSnapshot> | undefined;

  const refresh = (): Promise<RoutingSnapshot> => {
    inFlight ??= (async () => {
      const startedAt = now();
      try {
        const pointer = await reader.pointer();
        if (pointer && pointer.release !== snapshot.release) {
          const manifest = await reader.manifest(pointer.release);
          assertReleaseManifest(manifest, `release ${pointer.release}`);
          if (manifest.id !== pointer.release) throw new Error(`release ${pointer.release}: its manifest names ${manifest.id}`);
          snapshot = compileReleaseSnapshot(manifest);
        }
        readAt = startedAt;
        lastFailed = false;
      } catch (error) {
        // Keep the last good copy; try again after another refresh interval, not on every request.
        retryAt = now() + refreshMs;
        lastFailed = true;
        log('viewer-request: could not read the live release; routing by the last good copy', error);
      } finally {
        inFlight = undefined;
      }
      return snapshot;
    })();
    return inFlight;
  };

  return {
    current() {
      const t = now();
      const age = t - readAt;
      if (age < refreshMs || t < retryAt) return snapshot;
      const reading = refresh();
      if (age < maxStalenessMs || lastFailed) return snapshot;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<RoutingSnapshot>((resolve) => {
        timer = setTimeout(() => resolve(snapshot), readTimeoutMs);
      });
      return Promise.race([reading, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  assertLivePointer,
  assertReleaseManifest,
  LIVE_POINTER_KEY,
  RELEASE_REFRESH_MS,
  releaseManifestKey,
  type CatalogFile,
  type LivePointer,
} from '@stride/contract/releases';
import { compileCatalog, type Catalog } from './catalog';

/**
 * The API's catalog from the live release (@stride/contract/releases), with the edge's staleness
 * rule, per container: the catalog bundled with the code is the first good copy; the live
 * release's replaces it once read; a read starts in the background when the copy is older than
 * RELEASE_REFRESH_MS, so a copy is at most that plus one read old while reads succeed (within
 * RELEASE_MAX_STALENESS_MS); requests never wait, as the routes read the catalog synchronously.
 * A failed read or a catalog that does not validate keeps the last good copy, never an empty one.
 */

/**
 * The live pointer (undefined before the first release), and a release's catalog files. Apart, so
 * a refresh that finds the same release live reads only the small pointer, not the manifest
 * (which lists every object of the site).
 */
export interface ReleaseCatalogReader {
  pointer(): Promise<LivePointer | undefined>;
  files(release: string): Promise<readonly CatalogFile[]>;
}

export interface LiveCatalog extends Catalog {
  /** The release the catalog was read from; undefined for the bundled one. */
  readonly release: string | undefined;
  /** Reads the live release now (tests; a cold start that wants it before the first event). */
  refresh(): Promise<void>;
}

export function createLiveCatalog(
  bundled: Catalog,
  read: ReleaseCatalogReader,
  options: { readonly now?: () => number; readonly refreshMs?: number; readonly log?: (message: string, error: unknown) => void } = {},
): LiveCatalog {
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? RELEASE_REFRESH_MS;
  const log = options.log ?? ((message, error) => console.error(message, error));
  let current = bundled;
  let release: string | undefined;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    attemptedAt = now();
    inFlight ??= (async () => {
      try {
        const live = (await read.pointer())?.release;
        if (live !== undefined && live !== release) {
          const files = await read.files(live);
          current = compileCatalog(files.map((f) => ({ name: f.name, where: `release ${live}: ${f.name}`, text: f.text })));
          release = live;
        }
      } catch (error) {
        log('api: could not read the live release catalog; serving the last good copy', error);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
  const fresh = (): Catalog => {
    if (now() - attemptedAt >= refreshMs) void refresh();
    return current;
  };
  return {
    get release() {
      return release;
    },
    refresh,
    workout: (id) => fresh().workout(id),
    workoutsOf: (slug) => fresh().workoutsOf(slug),
  };
}

/** Reads the live pointer and the release's catalog through the real S3 client (AWS, or the local S3 server). */
export function s3ReleaseCatalogReader(s3: S3Client, bucket: string): ReleaseCatalogReader {
  const readJson = async (key: string): Promise<unknown> => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return JSON.parse((await object.Body?.transformToString('utf8')) ?? '');
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  return {
    async pointer() {
      const pointer = await readJson(LIVE_POINTER_KEY);
      if (pointer === undefined) return undefined;
      assertLivePointer(pointer, `s3://${bucket}/${LIVE_POINTER_KEY}`);
      return pointer;
    },
    async files(release) {
      const manifest = await readJson(releaseManifestKey(release));
      assertReleaseManifest(manifest, `s3://${bucket}/${releaseManifestKey(release)}`);
      const files = manifest.catalog;
      if (!Array.isArray(files) || !files.every((f) => typeof f?.name === 'string' && typeof f?.text === 'string'))
        throw new Error(`release ${release}: catalog is not a list of program files ({ name, text })`);
      if (files.length === 0) throw new Error(`release ${release}: catalog has no program files`);
      return files as CatalogFile[];
    },
  };
}

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { contentTypeOf } from '../../../publish/content-types';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
}

/** What the local CloudFront reads an S3 origin through: a bucket on the local S3 server, or a folder. */
export interface ObjectSource {
  readonly name: string;
  /** False emulates the bucket being unreachable (a connection error for CloudFront); set from the console. */
  available: boolean;
  get(uri: string): Promise<StoredObject | undefined>;
}

/** The object key a request URI names: percent-decoded as S3 does; undefined for a key S3 could not hold. */
function keyOf(uri: string): string | undefined {
  let key: string;
  try {
    key = decodeURIComponent(uri.replace(/^\/+/, ''));
  } catch {
    return undefined;
  }
  return key === '' || key.includes('\0') ? undefined : key;
}

/**
 * A bucket on the local S3 server, read with the real S3 client as CloudFront reads an S3 origin
 * (GetObject of the URI's key; a missing key is S3's 404 NoSuchKey).
 */
export class S3BucketOrigin implements ObjectSource {
  available = true;

  constructor(
    readonly name: string,
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async get(uri: string): Promise<StoredObject | undefined> {
    const key = keyOf(uri);
    if (key === undefined || key.split('/').some((part) => part === '.' || part === '..')) return undefined;
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      return {
        body,
        contentType: object.ContentType ?? contentTypeOf(key),
        etag: object.ETag ?? `"${createHash('md5').update(body).digest('hex')}"`,
        lastModified: object.LastModified ?? new Date(0),
      };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}

/**
 * A folder standing in for an S3 bucket: the request URI is the object key (percent-decoded as
 * S3 does), and no key can name a file outside the folder.
 */
export class FolderBucketOrigin implements ObjectSource {
  available = true;

  constructor(
    readonly name: string,
    readonly root: string,
  ) {}

  /** The object for a URI, or undefined for "no such key" (including keys that are not valid). */
  async get(uri: string): Promise<StoredObject | undefined> {
    const key = keyOf(uri);
    if (key === undefined) return undefined;
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) return undefined;
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      const body = await readFile(file);
      return {
        body,
        contentType: contentTypeOf(file),
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        lastModified: info.mtime,
      };
    } catch {
      return undefined;
    }
  }
}

/** The local CloudFront's S3 origins are typed by what they do; `new BucketOrigin(name, dir)` is a folder-backed one. */
export type BucketOrigin = ObjectSource;
export const BucketOrigin = FolderBucketOrigin;

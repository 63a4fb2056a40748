import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../../../publish/content-types';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * A folder standing in for an S3 bucket: the request URI is the object key (percent-decoded as
 * S3 does), and no key can name a file outside the folder.
 */
export class BucketOrigin {
  /** False emulates the bucket being unreachable (a connection error for CloudFront); set from the console. */
  available = true;

  constructor(
    readonly name: string,
    readonly root: string,
  ) {}

  /** The object for a URI, or undefined for "no such key" (including keys that are not valid). */
  async get(uri: string): Promise<StoredObject | undefined> {
    let key: string;
    try {
      key = decodeURIComponent(uri.replace(/^\/+/, ''));
    } catch {
      return undefined;
    }
    if (key === '' || key.includes('\0')) return undefined;
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

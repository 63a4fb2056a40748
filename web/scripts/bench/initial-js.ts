import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The page types the budget is judged on, by the object the prerender writes for each. */
export interface PageType {
  readonly name: string;
  /** Object key under web/dist/client; `*` matches the first program slug found. */
  readonly objectKey: string;
}

export interface ScriptRef {
  readonly kind: 'script' | 'modulepreload';
  readonly src: string;
}

/** The JavaScript an HTML page loads before anything runs: module scripts with a src, and modulepreloads. */
export function scriptRefs(html: string): ScriptRef[] {
  const refs: ScriptRef[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    const value = (name: string) => {
      const m = attr(name);
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : undefined;
    };
    if (/^<script/i.test(tag)) {
      const src = value('src');
      const type = value('type');
      if (src !== undefined && (type === undefined || type === 'module' || type === 'text/javascript')) refs.push({ kind: 'script', src });
    } else if ((value('rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = value('href');
      if (href !== undefined) refs.push({ kind: 'modulepreload', src: href });
    }
  }
  return refs;
}

export interface FileSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export async function fileSize(clientDir: string, src: string): Promise<FileSize> {
  const file = src.replace(/^\//, '').split(/[?#]/)[0] ?? '';
  const body = await readFile(path.join(clientDir, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

export interface InitialJs {
  readonly page: string;
  readonly objectKey: string;
  readonly files: readonly FileSize[];
  readonly gzipBytes: number;
  readonly bytes: number;
}

/** Initial JS of one built page: every distinct script/modulepreload it references, gzip -9 each. */
export async function initialJsOf(clientDir: string, type: PageType): Promise<InitialJs> {
  const html = await readFile(path.join(clientDir, type.objectKey), 'utf8');
  const srcs = [...new Set(scriptRefs(html).map((r) => r.src))];
  const files = await Promise.all(srcs.map((src) => fileSize(clientDir, src)));
  return {
    page: type.name,
    objectKey: type.objectKey,
    files,
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
  };
}

/** Chunks a lazy route pulls in statically (entry-client resolves it before hydrating). */
export { staticChunkFiles as lazyRouteFiles } from '../lazy-route-preloads';

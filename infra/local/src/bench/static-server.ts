import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * The benchmark's baseline: a plain static file server on the same folder (read from disk per
 * request, directory → index.html), with no edge functions, cache or CloudFront headers.
 */
export function createStaticServer(root: string): Server {
  return createServer((req, res) => {
    void (async () => {
      let file = path.join(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
}

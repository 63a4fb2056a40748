import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

/**
 * Brings a replica bucket's folder up to date with its primary, as S3 cross-region replication
 * keeps it: objects new or changed (size or modification time) are copied, objects the primary no
 * longer has are deleted (delete-marker replication is on). Unchanged objects are left alone, so
 * a start after the first copies little even when the media bucket is large.
 */
export function replicate(from: string, to: string): { copied: number; deleted: number } {
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) {
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    return { copied: 0, deleted: 0 };
  }
  let copied = 0;
  let deleted = 0;
  const walk = (source: string, target: string): void => {
    mkdirSync(target, { recursive: true });
    const names = new Set<string>();
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      names.add(entry.name);
      const s = path.join(source, entry.name);
      const t = path.join(target, entry.name);
      if (entry.isDirectory()) {
        if (existsSync(t) && !statSync(t).isDirectory()) rmSync(t, { force: true });
        walk(s, t);
      } else if (entry.isFile()) {
        const src = statSync(s);
        const dst = existsSync(t) ? statSync(t) : undefined;
        if (dst?.isDirectory()) rmSync(t, { recursive: true, force: true });
        // Within a millisecond counts as the same time: utimes goes through a float of seconds.
        if (!dst || dst.isDirectory() || dst.size !== src.size || Math.abs(dst.mtimeMs - src.mtimeMs) >= 1) {
          copyFileSync(s, t);
          // Keep the primary's time, so the next start sees the object as unchanged.
          utimesSync(t, src.atime, src.mtime);
          copied += 1;
        }
      }
    }
    for (const entry of readdirSync(target, { withFileTypes: true })) {
      if (!names.has(entry.name)) {
        rmSync(path.join(target, entry.name), { recursive: true, force: true });
        deleted += 1;
      }
    }
  };
  walk(from, to);
  return { copied, deleted };
}

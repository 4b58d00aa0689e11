/**
 * Static files of the built client (dist/client) with a single-page-app fallback: an unknown
 * path without a file extension gets index.html. Paths are confined to the directory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** A handler serving `dir`, or null when the directory does not exist. */
export function staticHandler(dir: string): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return null;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return false;
    }
    let file = resolve(root, '.' + normalize(path));
    if (file !== root && !file.startsWith(root + sep)) return false;
    const isFile = existsSync(file) && statSync(file).isFile();
    if (!isFile) {
      if (extname(path)) return false;
      file = join(root, 'index.html');
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}

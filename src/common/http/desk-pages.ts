import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';

/** The project's root: the nearest folder above this file with a package.json. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('floorwalker: no package.json above the server');
    folder = parent;
  }
  return folder;
}

const DESK = join(projectRoot(), 'dist/desk');
const ASSETS = '/assets/';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
};

const contents = new Map<string, Buffer>();

/** A built asset, read once: its name carries a hash of its content, so it never changes. */
function asset(file: string): Buffer | null {
  let content = contents.get(file);
  if (!content && existsSync(file)) {
    content = readFileSync(file);
    contents.set(file, content);
  }
  return content ?? null;
}

/** Where pages may connect and what may frame them: nothing but the API itself, by default. */
function pagePolicy(frameAncestors: string[]): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * Serves the built desk: the desk at `/`, the embeddable panel at `/embed` (framed only by
 * `embedOrigins`), and their fingerprinted assets. Before a build, `/` says how to make one.
 */
export function deskPages(embedOrigins: string[]) {
  const pages: Record<string, { file: string; policy: string }> = {
    '/': { file: 'index.html', policy: pagePolicy([]) },
    '/embed': { file: 'embed.html', policy: pagePolicy(embedOrigins) },
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const page = pages[req.path];
    if (page) {
      // read each time: a rebuild while the server runs names new assets
      const file = join(DESK, page.file);
      const content = existsSync(file) ? readFileSync(file) : null;
      if (!content) {
        res.status(503).type('text/plain').send('The desk is not built yet: run npm run build.');
        return;
      }
      res.setHeader('content-security-policy', page.policy);
      if (req.path === '/embed') res.removeHeader('x-frame-options');
      res.setHeader('cache-control', 'no-cache');
      res.type('text/html; charset=utf-8').send(content);
      return;
    }
    if (!req.path.startsWith(ASSETS)) return next();
    const file = normalize(join(DESK, req.path));
    const type = TYPES[file.slice(file.lastIndexOf('.'))];
    const content = file.startsWith(join(DESK, ASSETS)) && type ? asset(file) : null;
    if (!content) return next();
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.type(type!).send(content);
  };
}

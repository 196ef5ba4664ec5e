import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) =>
  join(dirname(require.resolve(`${name}/package.json`)), file);

/** GraphiQL's files from the installed packages: the page works offline, with no CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': {
    file: packageFile('react', 'umd/react.production.min.js'),
    type: 'text/javascript',
  },
  'react-dom.js': {
    file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};
const ASSET_PATH = '/graphiql/';

const START = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
);`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>floorwalker GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PATH}graphiql.css">
</head>
<body style="margin: 0">
<div id="graphiql" style="height: 100vh"></div>
<script src="${ASSET_PATH}react.js"></script>
<script src="${ASSET_PATH}react-dom.js"></script>
<script src="${ASSET_PATH}graphiql.js"></script>
<script src="${ASSET_PATH}start.js"></script>
</body>
</html>`;

const PAGE_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'", // GraphiQL's editor positions its parts with inline styles
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const cache = new Map<string, Buffer>();
const contents = (file: string) => {
  let body = cache.get(file);
  if (!body) cache.set(file, (body = readFileSync(file)));
  return body;
};

/**
 * Serves GraphiQL (outside production): the page on a browser's GET /graphql without a
 * query, and its scripts under /graphiql/. Every other request goes on to the API.
 */
export function graphiqlMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  if (
    req.path === '/graphql' &&
    req.query.query === undefined &&
    req.accepts(['json', 'html']) === 'html'
  ) {
    res.setHeader('content-security-policy', PAGE_POLICY);
    res.type('html').send(PAGE);
    return;
  }
  if (!req.path.startsWith(ASSET_PATH)) return next();
  const name = req.path.slice(ASSET_PATH.length);
  if (name === 'start.js') {
    res.type('text/javascript').send(START);
    return;
  }
  const asset = ASSETS[name];
  if (!asset) return next();
  res.setHeader('cache-control', 'public, max-age=86400');
  res.type(asset.type).send(contents(asset.file));
}

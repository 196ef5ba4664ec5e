// `npm start`: builds only when a source changed, then runs the server in this process
// (one process start fewer than a separate build step).
import { buildIfChanged } from './build-if-changed.mjs';

await buildIfChanged();
await import('../dist/bundle/main.js');

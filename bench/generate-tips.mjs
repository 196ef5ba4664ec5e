// Writes N synthetic tips as JSON Lines, the import format: node bench/generate-tips.mjs 100000 > tips.jsonl
import { tips } from './corpus.mjs';

const count = Number(process.argv[2] ?? 100_000);
const out = [];
for (const tip of tips(count)) {
  out.push(JSON.stringify(tip));
  if (out.length === 10_000) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');

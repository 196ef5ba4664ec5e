// Writes a migration installing the search_rank function as src/search/postgres/ranking.ts
// now defines it. Run after changing the ranking (test/search-ranking-source.test.ts says
// when): npm run search:ranking-migration, then list the new migration
// in migrations/index.ts.
import { readdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// ranking.ts imports nothing: compiled on its own, it needs no build of the project.
const [compiled] = (
  await build({
    entryPoints: ['src/search/postgres/ranking.ts'],
    format: 'esm',
    write: false,
  })
).outputFiles;
const { SEARCH_RANK_FUNCTION } = await import(
  `data:text/javascript;base64,${Buffer.from(compiled.contents).toString('base64')}`
);

// after the latest migration, in the series' steps
const stamp =
  Math.max(...readdirSync('migrations').map((f) => Number(f.split('-')[0]) || 0)) + 100_000_000;
const name = `SearchRanking${stamp}`;
const file = `migrations/${stamp}-search-ranking.ts`;
const literal = (sql) => '`' + sql.replace(/[\\`]|\$\{/g, (c) => `\\${c}`) + '`';

writeFileSync(
  file,
  `import { MigrationInterface, QueryRunner } from 'typeorm';

/** The search_rank function, generated from src/search/postgres/ranking.ts. */
export class ${name} implements MigrationInterface {
  name = '${name}';

  async up(db: QueryRunner): Promise<void> {
    await db.query(\`DROP FUNCTION IF EXISTS search_rank\`);
    await db.query(
      ${literal(SEARCH_RANK_FUNCTION)},
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(\`DROP FUNCTION search_rank\`);
  }
}
`,
);
console.log(`wrote ${file}: add ${name} to migrations/index.ts`);

import { parseArgs } from 'node:util';
import { Role } from '../common/auth/role.js';

export const USAGE = `Usage: npm run cli -- <command> [options]

  org create --slug S --name N
  team create --org S --name N
  user create --org S --email E --password P --role AGENT|TEAM_LEAD|ADMIN --name N [--team T] [--locale L]
  user import FILE.csv --org S       CSV header: email,name,role,team,locale,password (last three optional)
  import FILE.jsonl --org S [--author E]   tips, one JSON object a line (upserts by externalId)
  export --org S                     all tips of the organization as JSON Lines, on standard output
  recognition rebuild [--org S]      recompute points balances from the ledger (every organization)
  reindex                            rebuild Meilisearch's indexes into new ones and swap them in (no downtime)

Runs against DATABASE_URL when set, else the embedded database in DATA_DIR (through the
running server when there is one).`;

/** A command line, checked and ready to run; `files` carries the contents of files it names. */
export interface Command {
  name:
    | 'org create'
    | 'team create'
    | 'user create'
    | 'user import'
    | 'import'
    | 'export'
    | 'recognition rebuild'
    | 'reindex';
  options: Record<string, string>;
  file?: string;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** long work: how far it has got */
  progress?(done: number, total: number): void;
}

export class UsageError extends Error {}

const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  org: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string' },
  locale: { type: 'string' },
  author: { type: 'string' },
} as const;

const REQUIRED: Record<Command['name'], string[]> = {
  'org create': ['slug', 'name'],
  'team create': ['org', 'name'],
  'user create': ['org', 'email', 'password', 'role', 'name'],
  'user import': ['org'],
  import: ['org'],
  export: ['org'],
  'recognition rebuild': [],
  reindex: [],
};

const TAKES_FILE = new Set<Command['name']>(['user import', 'import']);

/** Parses the arguments after `npm run cli --`; throws UsageError with what is wrong. */
export function parseCommand(argv: string[]): Command & { path?: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [noun, ...others] = parsed.positionals;
  const single = noun === 'import' || noun === 'export' || noun === 'reindex';
  const name = (single ? noun : `${noun} ${others[0]}`) as Command['name'];
  const rest = single ? others : others.slice(1);
  if (!(name in REQUIRED)) {
    const typed = [noun, others[0]].filter(Boolean).join(' ');
    throw new UsageError(noun ? `Unknown command "${typed}".` : 'No command given.');
  }
  const options = Object.fromEntries(
    Object.entries(parsed.values).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  const missing = REQUIRED[name].filter((option) => !options[option]);
  if (missing.length)
    throw new UsageError(`${name} needs ${missing.map((m) => `--${m}`).join(', ')}.`);
  if (TAKES_FILE.has(name) && rest.length !== 1) throw new UsageError(`${name} needs one file.`);
  if (!TAKES_FILE.has(name) && rest.length)
    throw new UsageError(`Unexpected argument "${rest[0]}".`);
  if (name === 'user create' && !Object.values(Role).includes(options.role.toUpperCase() as Role)) {
    throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}.`);
  }
  return { name, options, path: rest[0] };
}

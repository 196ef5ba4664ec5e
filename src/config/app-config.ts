import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvSchema, LogLevel } from './env.schema.js';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** The address the API listens on: loopback unless HOST says otherwise. */
  host: string;
  /** Set: a real PostgreSQL. Unset: the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  logLevel: LogLevel;
  /** Create the demo organization on a new embedded database. */
  demoData: boolean;
  /** Express "trust proxy": which proxies' X-Forwarded-For gives the client address (sign-in throttling). */
  trustProxy: boolean | number | string;
  /** Set: live messages go through Redis, so several API instances share subscriptions. */
  redisUrl?: string;
  /** Browser origins, besides the API's own, that may open the GraphQL WebSocket. */
  allowedOrigins: string[];
  /** Origins of agent desktops that may frame the /embed panel and receive the chosen tip. */
  embedOrigins: string[];
  /** Set: Meilisearch answers searches, PostgreSQL standing in when it cannot. */
  meilisearch?: {
    url: string;
    /** a scoped API key (search and documents on floorwalker's indexes), never the master key */
    key?: string;
    /** seconds the outbox may lag before PostgreSQL answers instead */
    maxLagSeconds: number;
  };
}

/** Thrown for a bad environment; the message is one line naming the variable. */
export class ConfigError extends Error {}

const JWT_SECRET_FILE = 'jwt-secret';
const ENV_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'JWT_SECRET',
  'JWT_EXPIRES_IN',
  'LOG_LEVEL',
  'DEMO_DATA',
  'TRUST_PROXY',
  'REDIS_URL',
  'ALLOWED_ORIGINS',
  'EMBED_ORIGINS',
  'MEILI_URL',
  'MEILI_KEY',
  'MEILI_MAX_LAG',
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(ENV_KEYS.map((key) => [key, env[key] || undefined]));
  const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed);
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const secret = first.property === 'JWT_SECRET' || first.property === 'MEILI_KEY';
    const shown = secret ? '' : ` (got "${String(raw[first.property])}")`;
    throw new ConfigError(`Invalid environment variable ${first.property}${shown}: ${reason}`);
  }
  const dataDir = resolve(parsed.DATA_DIR);
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    throw new ConfigError(
      'Missing environment variable JWT_SECRET: required when NODE_ENV=production (at least 32 characters)',
    );
  }
  if (parsed.NODE_ENV === 'production' && parsed.MEILI_URL && !parsed.MEILI_KEY) {
    throw new ConfigError(
      'Missing environment variable MEILI_KEY: required with MEILI_URL when NODE_ENV=production (a scoped API key, not the master key)',
    );
  }
  return {
    env: parsed.NODE_ENV,
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    jwtSecret: parsed.JWT_SECRET ?? developmentJwtSecret(dataDir),
    jwtExpiresInSeconds: parsed.JWT_EXPIRES_IN,
    logLevel: parsed.LOG_LEVEL,
    demoData: parsed.DEMO_DATA ? parsed.DEMO_DATA === 'true' : !parsed.DATABASE_URL,
    trustProxy: trustProxy(parsed.TRUST_PROXY),
    redisUrl: parsed.REDIS_URL,
    allowedOrigins: origins(parsed.ALLOWED_ORIGINS),
    embedOrigins: origins(parsed.EMBED_ORIGINS),
    meilisearch: parsed.MEILI_URL
      ? { url: parsed.MEILI_URL, key: parsed.MEILI_KEY, maxLagSeconds: parsed.MEILI_MAX_LAG }
      : undefined,
  };
}

function origins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((origin) => origin.trim().toLowerCase())
    .filter(Boolean);
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Outside production the signing secret is generated once and kept beside the data. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
}

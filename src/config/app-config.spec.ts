import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

// the test run's folder (see test/support/temp.ts), never the system temp folder
const dataDir = () => {
  mkdirSync('.test-tmp', { recursive: true });
  return mkdtempSync(join(process.cwd(), '.test-tmp', 'config-'));
};

describe('loadConfig', () => {
  it('starts with no settings at all: port 3000, embedded database, demo data', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: dir,
      demoData: true,
      logLevel: 'info',
      jwtExpiresInSeconds: 43200,
    });
    // outside production the signing secret is generated once and kept
    expect(config.jwtSecret).toBe(readFileSync(join(dir, 'jwt-secret'), 'utf8'));
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('uses DATABASE_URL and skips demo data there unless asked', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db:5432/fw' });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/fw');
    expect(config.demoData).toBe(false);
  });

  it('reads TRUST_PROXY as hops or addresses', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy,
    ).toBe('loopback, 10.0.0.0/8');
  });

  it.each([
    [
      { PORT: 'eighty' },
      /^Invalid environment variable PORT \(got "eighty"\): must be a whole number from 0 to 65535$/,
    ],
    [{ PORT: '70000' }, /PORT .*whole number from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL .*PostgreSQL URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL .*one of error, warn, info, debug/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV .*development, production, test/],
    [
      { JWT_SECRET: 'short' },
      /^Invalid environment variable JWT_SECRET: must be at least 32 characters long$/,
    ],
    [{ JWT_EXPIRES_IN: '10' }, /JWT_EXPIRES_IN .*seconds from 60/],
    [
      { NODE_ENV: 'production' },
      /^Missing environment variable JWT_SECRET: required when NODE_ENV=production/,
    ],
  ])('stops on %p with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never echoes a secret', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'hunter2' })).toThrow(
      /^((?!hunter2).)*$/,
    );
  });
});

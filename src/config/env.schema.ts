import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variables floorwalker reads; each message says what is expected. */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], {
    message: 'must be one of development, production, test',
  })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'must be a whole number from 0 to 65535' })
  @Min(0, { message: 'must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'must be a whole number from 0 to 65535' })
  PORT = 3000;

  @IsString()
  @Matches(/^[\w.:-]+$/, {
    message: 'must be an address to listen on, such as 127.0.0.1 or 0.0.0.0 (every interface)',
  })
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/floorwalker',
  })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1, { message: 'must be a directory path' })
  DATA_DIR = './data';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 12 * 3600 : Number(value)))
  @IsInt({ message: 'must be a whole number of seconds from 60 to 604800' })
  @Min(60, { message: 'must be a whole number of seconds from 60 to 604800' })
  @Max(604800, { message: 'must be a whole number of seconds from 60 to 604800' })
  JWT_EXPIRES_IN = 12 * 3600;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  DEMO_DATA?: 'true' | 'false';

  @IsOptional()
  @Matches(
    /^(false|true|\d{1,2}|(loopback|linklocal|uniquelocal|[\d.:a-fA-F/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[\d.:a-fA-F/]+))*)$/,
    {
      message:
        'must be false, a number of proxy hops, or proxy addresses/subnets such as "loopback, 10.0.0.0/8"',
    },
  )
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, {
    message: 'must be a Redis URL such as redis://127.0.0.1:6379',
  })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^(https?:\/\/[\w.-]+(:\d+)?)(\s*,\s*https?:\/\/[\w.-]+(:\d+)?)*$/, {
    message:
      'must be a comma-separated list of browser origins such as "https://desk.example.com, https://crm.example.com"',
  })
  ALLOWED_ORIGINS?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'must be the URL of a Meilisearch server such as http://127.0.0.1:7700',
  })
  MEILI_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be a Meilisearch API key (at least 16 characters)' })
  MEILI_KEY?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'must be a whole number of seconds from 1 to 3600' })
  @Min(1, { message: 'must be a whole number of seconds from 1 to 3600' })
  @Max(3600, { message: 'must be a whole number of seconds from 1 to 3600' })
  MEILI_MAX_LAG = 10;

  @IsOptional()
  @Matches(/^(https?:\/\/[\w.-]+(:\d+)?)(\s*,\s*https?:\/\/[\w.-]+(:\d+)?)*$/, {
    message:
      'must be a comma-separated list of origins of agent desktops that embed the panel, such as "https://crm.example.com"',
  })
  EMBED_ORIGINS?: string;
}

import { Foundation1764200000000 } from './1764200000000-foundation.js';

/** Every migration, oldest first. */
export const migrations = [Foundation1764200000000];

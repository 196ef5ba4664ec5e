/**
 * Characters PostgreSQL cannot store in text: NUL, and UTF-16 surrogates without their
 * pair (which no UTF-8 encoding has). With the `u` flag a pair reads as one code point, so
 * the surrogate range matches only lone ones.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this finds
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex
const UNSTORABLE_TEST = /[\u0000\uD800-\uDFFF]/u;

export const isStorable = (text: string): boolean => !UNSTORABLE_TEST.test(text);

export const stripUnstorable = (text: string): string => text.replace(UNSTORABLE, '');

/** Paths (property names and indexes) of the strings in `value` that cannot be stored. */
export function unstorablePaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return isStorable(value) ? [] : [path];
  if (Array.isArray(value))
    return value.flatMap((item, i) => unstorablePaths(item, [...path, String(i)]));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.entries(value).flatMap(([key, item]) => unstorablePaths(item, [...path, key]));
  return [];
}

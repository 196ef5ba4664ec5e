import { normalizeText, words } from '../../search/text/normalize.js';
import { LANGUAGE } from '../../search/text/languages.js';

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_TAGS = 10;
export const MAX_TAG = 50;
export const MAX_EXTERNAL_ID = 200;
export const FLAGS_FOR_REVIEW = 3;
export const REUSE_REPEAT_WINDOW_MS = 60 * 60 * 1000;

/** Tags are organization-wide names in one form: "Billing & Refunds" → "billing-refunds". */
export function normalizeTag(name: string): string {
  return words(normalizeText(name)).join('-').slice(0, MAX_TAG);
}

export interface TipContent {
  title: string;
  body: string;
  tags: string[];
  language: string;
}

/** The problem with an external id (trimmed; empty means none), as [field, message], or null. */
export function externalIdProblem(externalId: string): [string, string] | null {
  return externalId.length > MAX_EXTERNAL_ID
    ? ['externalId', `The external id must be at most ${MAX_EXTERNAL_ID} characters.`]
    : null;
}

/** The first problem with a tip's content, as [field, message], or null. */
export function contentProblem(content: Partial<TipContent>): [string, string] | null {
  if (
    content.title !== undefined &&
    (content.title.trim().length < 1 || content.title.trim().length > MAX_TITLE)
  ) {
    return ['title', `The title must be 1-${MAX_TITLE} characters.`];
  }
  if (content.body !== undefined && content.body.length > MAX_BODY) {
    return ['body', `The body must be at most ${MAX_BODY} characters.`];
  }
  if (content.tags !== undefined) {
    if (content.tags.length > MAX_TAGS) return ['tags', `A tip has at most ${MAX_TAGS} tags.`];
    if (content.tags.some((tag) => normalizeTag(tag) === ''))
      return ['tags', 'A tag needs at least one letter or digit.'];
  }
  if (content.language !== undefined && !LANGUAGE.test(content.language)) {
    return [
      'language',
      'The language must be a two- or three-letter code such as "en", "fa" or "fi".',
    ];
  }
  return null;
}

export function cleanContent<T extends Partial<TipContent>>(content: T): T {
  return {
    ...content,
    ...(content.title !== undefined && { title: content.title.trim() }),
    ...(content.tags !== undefined && { tags: [...new Set(content.tags.map(normalizeTag))] }),
  };
}

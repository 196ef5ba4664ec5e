import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, Length, Matches, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/validation/decorators.js';
import { LANGUAGE } from '../../search/text/languages.js';
import { TagName, normalizeTag } from '../tags/tag-name.js';

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_TAGS = 10;
export const MAX_EXTERNAL_ID = 200;
export const FLAGS_FOR_REVIEW = 3;
export const REUSE_REPEAT_WINDOW_MS = 60 * 60 * 1000;

export interface TipContent {
  title: string;
  body: string;
  tags: string[];
  language: string;
}

/** The rules of a tip's fields, which its input types (and the importer) state. */
export const TipTitle = () =>
  applyDecorators(
    Trimmed(),
    Length(1, MAX_TITLE, { message: `The title must be 1-${MAX_TITLE} characters.` }),
  );
export const TipBody = () =>
  MaxLength(MAX_BODY, { message: `The body must be at most ${MAX_BODY} characters.` });
export const TipTags = () =>
  applyDecorators(
    ArrayMaxSize(MAX_TAGS, { message: `A tip has at most ${MAX_TAGS} tags.` }),
    TagName({ each: true }),
  );
export const TipLanguage = () =>
  Matches(LANGUAGE, {
    message: 'The language must be a two- or three-letter code such as "en", "fa" or "fi".',
  });
export const TipExternalId = () =>
  applyDecorators(
    Trimmed(),
    MaxLength(MAX_EXTERNAL_ID, {
      message: `The external id must be at most ${MAX_EXTERNAL_ID} characters.`,
    }),
  );

/** The tags in their one form, each once (tags are validated before). */
export function cleanContent<T extends Partial<TipContent>>(content: T): T {
  return {
    ...content,
    ...(content.tags !== undefined && { tags: [...new Set(content.tags.map(normalizeTag))] }),
  };
}

import { ValidateBy, ValidationOptions } from 'class-validator';
import { normalizeText, words } from '../../search/text/normalize.js';

export const MAX_TAG = 50;

/** Tags are organization-wide names in one form: "Billing & Refunds" → "billing-refunds". */
export function normalizeTag(name: string): string {
  return words(normalizeText(name)).join('-').slice(0, MAX_TAG);
}

/** A tag that has a name once normalized: at least one letter or digit. */
export const TagName = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'tagName',
      validator: {
        validate: (tag: unknown) => typeof tag === 'string' && normalizeTag(tag) !== '',
        defaultMessage: () => 'A tag needs at least one letter or digit.',
      },
    },
    options,
  );

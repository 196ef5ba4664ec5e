import { normalizeText, words } from '../../search/text/normalize.js';

export const MAX_TAG = 50;

/** Tags are organization-wide names in one form: "Billing & Refunds" → "billing-refunds". */
export function normalizeTag(name: string): string {
  return words(normalizeText(name)).join('-').slice(0, MAX_TAG);
}

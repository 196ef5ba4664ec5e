/**
 * Text normalization shared by indexing and querying, so that what an agent types and
 * what an author wrote meet in the same form: lower case without Latin accents, and
 * Persian written one way (Arabic yeh/kaf → Persian, digits → ASCII, no diacritics or
 * tatweel, zero-width non-joiner and split verb prefixes joined).
 */
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g;
const ARABIC_DIGITS = /[\u0660-\u0669]/g;
const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;
const COMBINING_MARKS = /[\u0300-\u036F]/g;
const ZWNJ = /\u200C/g;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
// "می خواهم" and "نمی خواهم": the continuous-tense prefixes written apart from their verb.
const SPLIT_VERB_PREFIX = /(^|[^\p{L}])(ن?می)\s+(?=\p{Script=Arabic})/gu;

export function normalizeText(text: string): string {
  // Plain ASCII (most words of most tips) has nothing to fold but case.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(PERSIAN_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(ARABIC_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(ARABIC_DIACRITICS, '')
    .replace(ZWNJ, '')
    .replace(SPLIT_VERB_PREFIX, '$1$2');
}

/** The words of a normalized text: runs of letters and digits. */
export function words(normalized: string): string[] {
  return normalized.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Normalized words joined by single spaces: what the index and the query analyse. */
export function normalizeForIndex(text: string): string {
  return words(normalizeText(text)).join(' ');
}

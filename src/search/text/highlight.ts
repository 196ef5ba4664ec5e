import { normalizeText } from './normalize.js';

const SNIPPET_WORDS = 24;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Whether a word of the text stands for a query term: the same start, allowing the
 * term's last letters to differ (inflections: refund/refunds, cancel/cancelled).
 */
function matches(word: string, terms: string[]): boolean {
  const normalized = normalizeText(word);
  return terms.some((term) => {
    const stem = term.length <= 4 ? term : term.slice(0, Math.max(4, term.length - 2));
    return normalized.startsWith(stem);
  });
}

/** The text, HTML-escaped, with the words matching `terms` in <mark>. */
export function highlightAll(text: string, terms: string[]): string {
  return text
    .split(/([\p{L}\p{N}\u200C]+)/u)
    .map((part, i) =>
      i % 2 === 1 && matches(part, terms) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part),
    )
    .join('');
}

/** A passage of about 24 words around the first match (or the start), highlighted. */
export function snippet(text: string, terms: string[]): string {
  const parts = text.replace(/\s+/g, ' ').split(' ');
  const first = parts.findIndex((part) =>
    part.split(/[^\p{L}\p{N}]+/u).some((word) => word && matches(word, terms)),
  );
  const start = Math.max(0, (first < 0 ? 0 : first) - 6);
  const passage = parts.slice(start, start + SNIPPET_WORDS).join(' ');
  return `${start > 0 ? '… ' : ''}${highlightAll(passage, terms)}${start + SNIPPET_WORDS < parts.length ? ' …' : ''}`;
}

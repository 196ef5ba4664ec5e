import { normalizeText } from './normalize.js';

const SNIPPET_WORDS = 24;
/** Words before the first match that a snippet keeps. */
const SNIPPET_LEAD = 6;
/** Words as highlighting sees them: a Persian word written with a zero-width non-joiner is one. */
const WORD = /[\p{L}\p{N}\u200C]+/gu;
/** Text whose words normalize to their lower case (see normalizeText). */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7E]*$/;
const HTML_SPECIAL = /[&<>"]/g;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (char) => HTML_ESCAPES[char]);
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);
const isAsciiWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * A word of the text stands for a query term when it starts with the term's stem: the
 * term allowing its last letters to differ (inflections: refund/refunds, cancel/cancelled).
 */
function stemsOf(terms: string[]): string[] {
  return terms
    .filter(Boolean)
    .map((term) => (term.length <= 4 ? term : term.slice(0, Math.max(4, term.length - 2))));
}

/** The [start, end) ranges of the words of `text` that stand for one of the stems, in order. */
function matchedWords(text: string, stems: string[], first = false): [number, number][] {
  const ranges: [number, number][] = [];
  if (PLAIN_ASCII.test(text)) {
    // Plain ASCII normalizes to its lower case, index for index: search it for the stems.
    const lower = text.toLowerCase();
    for (const stem of stems) {
      for (let at = lower.indexOf(stem); at >= 0; at = lower.indexOf(stem, at + 1)) {
        if (at > 0 && isAsciiWordChar(lower.charCodeAt(at - 1))) continue;
        let end = at + stem.length;
        while (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) end++;
        ranges.push([at, end]);
        if (first) break;
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    return ranges.filter((range, i) => i === 0 || range[0] >= ranges[i - 1][1]);
  }
  for (const { 0: word, index } of text.matchAll(WORD)) {
    const normalized = normalizeText(word);
    if (!stems.some((stem) => normalized.startsWith(stem))) continue;
    ranges.push([index, index + word.length]);
    if (first) break;
  }
  return ranges;
}

function highlightStems(text: string, stems: string[]): string {
  let html = '';
  let done = 0;
  for (const [start, end] of matchedWords(text, stems)) {
    html += `${escapeHtml(text.slice(done, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    done = end;
  }
  return html + escapeHtml(text.slice(done));
}

/** The text, HTML-escaped, with the words matching `terms` in <mark>. */
export function highlightAll(text: string, terms: string[]): string {
  return highlightStems(text, stemsOf(terms));
}

/** Where the whitespace-separated token holding `at` starts. */
function tokenStart(text: string, at: number): number {
  while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/** Skips whitespace from `at`, backwards or forwards. */
function skipSpace(text: string, at: number, step: -1 | 1): number {
  if (step < 0) while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
  else while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** A passage of about 24 words around the first match (or the start), highlighted. */
export function snippet(text: string, terms: string[]): string {
  const stems = stemsOf(terms);
  const [match] = matchedWords(text, stems, true);
  let start = tokenStart(text, match?.[0] ?? 0);
  for (let words = 0; words < SNIPPET_LEAD && skipSpace(text, start, -1) > 0; words++) {
    start = tokenStart(text, skipSpace(text, start, -1));
  }
  let end = skipSpace(text, start, 1);
  for (let words = 0; words < SNIPPET_WORDS; words++) {
    end = skipSpace(text, end, 1);
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  }
  const passage = text.slice(skipSpace(text, start, 1), end).replace(/\s+/g, ' ');
  const before = skipSpace(text, start, -1) > 0;
  const after = skipSpace(text, end, 1) < text.length;
  return `${before ? '… ' : ''}${highlightStems(passage, stems)}${after ? ' …' : ''}`;
}

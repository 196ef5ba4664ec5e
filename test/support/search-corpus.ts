const SYLLABLES = ['ka', 're', 'lo', 'mi', 'sa', 'tu', 'ne', 'po', 'ri', 'va', 'de', 'go'];

/** The corpus's 300 made-up words, the most frequent first. */
export const CORPUS_VOCABULARY = Array.from({ length: 300 }, (_, i) => {
  let word = '';
  for (let n = i; word.length < 6 || n > 0; n = Math.floor(n / SYLLABLES.length))
    word += SYLLABLES[n % SYLLABLES.length];
  return word;
});

/**
 * A deterministic corpus (import lines) with a skewed word spread: a few words in most
 * tips, most words in few.
 */
export function corpus(count: number): string[] {
  let state = 7;
  const random = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const word = () => CORPUS_VOCABULARY[Math.floor(CORPUS_VOCABULARY.length * random() ** 3)];
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const statuses = ['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'NEEDS_REVIEW', 'ARCHIVED'];
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      externalId: `corpus-${i}`,
      title: sentence(3 + Math.floor(random() * 4)),
      body: sentence(15 + Math.floor(random() * 20)),
      tags: [`${word()}`, `topic-${Math.floor(random() * 6)}`],
      language: 'en',
      status: statuses[Math.floor(random() * statuses.length)],
    }),
  );
}

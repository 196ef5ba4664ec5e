// Synthetic tips with a realistic (Zipf) spread of word frequencies over tens of
// thousands of words, deterministic for a given seed.
const SYLLABLES = [
  'ka',
  're',
  'lo',
  'mi',
  'sa',
  'tu',
  'ne',
  'po',
  'ri',
  'va',
  'de',
  'fi',
  'go',
  'hu',
  'ja',
  'be',
  'co',
  'la',
  'mo',
  'nu',
  'pa',
  'qui',
  'sto',
  'tra',
  'ven',
  'win',
  'xer',
  'yol',
  'zan',
  'bri',
  'cla',
  'dro',
];
/** Persian syllables, and the second parts of the corpus's Persian compounds. */
const PERSIAN_SYLLABLES = [
  'کا',
  'ر',
  'بر',
  'پش',
  'تی',
  'با',
  'نی',
  'دا',
  'ش',
  'گا',
  'سا',
  'زی',
  'مو',
  'لو',
  'فر',
  'ته',
];
export const PERSIAN_HEADS = ['کننده', 'گاه', 'نامه', 'خانه', 'دهنده', 'ها', 'های'];
/** One tip in this many is Persian, with a compound in its title. */
const PERSIAN_EVERY = 50;
/** A compound's three spellings: joined, with a zero-width non-joiner, with a space. */
export const COMPOUND_SPELLINGS = ['', '\u200c', ' '];
const TAGS = Array.from({ length: 60 }, (_, i) => `topic-${i + 1}`);

export function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** `size` distinct words of 2-5 syllables; rank 0 is the most frequent. */
export function vocabulary(size, rand) {
  const words = new Set();
  while (words.size < size) {
    const length = 2 + Math.floor(rand() * 4);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** `size` distinct Persian words of 2-4 syllables; rank 0 is the most frequent. */
export function persianVocabulary(size, rand) {
  const words = new Set();
  while (words.size < size) {
    const length = 2 + Math.floor(rand() * 3);
    let word = '';
    for (let i = 0; i < length; i++)
      word += PERSIAN_SYLLABLES[Math.floor(rand() * PERSIAN_SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Samples ranks with probability proportional to 1 / (rank + 1)^s. */
export function zipf(size, s, rand) {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const target = rand() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function* tips(count, { seed = 42, vocabularySize = 30_000 } = {}) {
  const rand = random(seed);
  const words = vocabulary(vocabularySize, rand);
  const rank = zipf(words.length, 1.07, rand);
  const sentence = (n) => Array.from({ length: n }, () => words[rank()]).join(' ');
  const persian = persianVocabulary(2_000, random(seed + 1));
  const persianRank = zipf(persian.length, 1.07, rand);
  const persianSentence = (n) => Array.from({ length: n }, () => persian[persianRank()]).join(' ');
  for (let i = 0; i < count; i++) {
    if (i % PERSIAN_EVERY === PERSIAN_EVERY - 1) {
      const compound = [
        persian[persianRank()],
        PERSIAN_HEADS[Math.floor(rand() * PERSIAN_HEADS.length)],
      ].join(COMPOUND_SPELLINGS[Math.floor(rand() * COMPOUND_SPELLINGS.length)]);
      yield {
        externalId: `bench-${i}`,
        title: `${persianSentence(2)} ${compound} ${persianSentence(2)}`,
        body: `${persianSentence(12)}. ${persianSentence(10)}.`,
        tags: [TAGS[Math.floor(rand() * TAGS.length)]],
        language: 'fa',
      };
      continue;
    }
    const title = sentence(4 + Math.floor(rand() * 5));
    const body = Array.from(
      { length: 3 + Math.floor(rand() * 4) },
      () => sentence(8 + Math.floor(rand() * 10)) + '.',
    ).join(' ');
    const tags = [TAGS[Math.floor(rand() * TAGS.length)], TAGS[Math.floor(rand() * TAGS.length)]];
    yield {
      externalId: `bench-${i}`,
      title: title[0].toUpperCase() + title.slice(1),
      body,
      tags: [...new Set(tags)],
      language: 'en',
    };
  }
}

// The search benchmarks' query classes.
import {
  COMPOUND_SPELLINGS,
  PERSIAN_HEADS,
  persianVocabulary,
  random,
  vocabulary,
} from './corpus.mjs';

const STOP_WORDS = [
  'the',
  'my',
  'it',
  'is',
  'and',
  'for',
  'was',
  'i',
  'to',
  'on',
  'every',
  'again',
];

/** Query sets per class, drawn from the same vocabulary the corpus uses. */
export function queries(count) {
  const rand = random(42); // the corpus's seed: the same words in the same frequency order
  const words = vocabulary(30_000, rand);
  const pick = (from, to) => words[from + Math.floor(Math.random() * (to - from))];
  const swap = (word) => {
    const i = 1 + Math.floor(Math.random() * (word.length - 3));
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  };
  const persian = persianVocabulary(2_000, random(43)); // the corpus's Persian words
  const any = (list) => list[Math.floor(Math.random() * list.length)];
  const set = (make) => Array.from({ length: count }, make);
  return {
    prefix: set(() => {
      const word = pick(100, 3000);
      return word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
    }),
    typo: set(() => {
      let word = pick(50, 5000);
      while (word.length < 6) word = pick(50, 5000);
      return swap(word) + ' ';
    }),
    'multi-word': set(() => `${pick(0, 3000)} ${pick(0, 3000)} ${pick(0, 3000)}`.slice(0, -2)),
    'worst case': set(() => pick(0, 20).slice(0, 3)),
    // what a customer says, typed as heard: 6 to 12 words, common and rare ones, stop words
    natural: set(() => {
      const length = 6 + Math.floor(Math.random() * 7);
      const said = Array.from({ length }, (_, i) =>
        i % 3 === 0 ? STOP_WORDS[Math.floor(Math.random() * STOP_WORDS.length)] : pick(0, 5000),
      );
      return `${said.join(' ')} `;
    }),
    // a Persian compound of the corpus's titles in any of its spellings, which may not be
    // the tip's, and a word before it
    'fa-compound': set(
      () =>
        `${persian[Math.floor(Math.random() * 200)]} ${[persian[Math.floor(Math.random() * 100)], any(PERSIAN_HEADS)].join(any(COMPOUND_SPELLINGS))} `,
    ),
  };
}

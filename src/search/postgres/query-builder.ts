/** One word of the query and what else may stand for it. */
export interface QueryWord {
  word: string;
  /** the word being typed: match it as a prefix */
  prefix: boolean;
  /** typo corrections and synonyms */
  alternatives: string[];
}

/** Finnish inflection: a shortened stem as a prefix finds other cases of the same word. */
const FINNISH_STEM_PREFIX_MIN_WORD = 7;

/**
 * Builds the tsquery expression for `words` analysed in every configuration, with
 * `$qN` placeholders for the parameters it returns. Words are letters and digits only.
 */
export function buildQuery(
  words: QueryWord[],
  configs: string[],
  mode: 'all' | 'any',
): { sql: string; params: string[] } {
  const params: string[] = [];
  const param = (value: string) => {
    params.push(value);
    return `$q${params.length}`;
  };
  const analysed = (placeholder: string) =>
    [...configs.filter((c) => c !== 'simple'), 'simple'].map(
      (c) => `plainto_tsquery('${c}', ${placeholder})`,
    );

  const perWord = words.map(({ word, prefix, alternatives }) => {
    const p = param(word);
    const options = analysed(p);
    if (prefix) options.push(`to_tsquery('simple', ${p} || ':*')`);
    if (configs.includes('finnish') && [...word].length >= FINNISH_STEM_PREFIX_MIN_WORD) {
      options.push(
        `coalesce((SELECT to_tsquery('simple', left(lexeme, greatest(5, length(lexeme) - 2)) || ':*') ` +
          `FROM unnest(to_tsvector('finnish', ${p})) LIMIT 1), ''::tsquery)`,
      );
    }
    for (const alternative of alternatives) options.push(...analysed(param(alternative)));
    return `(${options.join(' || ')})`;
  });
  return { sql: perWord.join(mode === 'all' ? ' && ' : ' || '), params };
}

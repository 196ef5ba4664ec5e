/** PostgreSQL text search configurations by language code; others are analysed as "simple". */
const LANGUAGE_CONFIGS: Record<string, string> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ru: 'russian',
  sv: 'swedish',
  tr: 'turkish',
};

export const LANGUAGE = /^[a-z]{2,3}$/;

export function textSearchConfig(language: string): string {
  return LANGUAGE_CONFIGS[language.split('-')[0]] ?? 'simple';
}

/** Postgres's English stop words. */
const ENGLISH_STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
    'it its itself they them their theirs themselves what which who whom this that these those am is are was were be ' +
    'been being have has had having do does did doing a an the and but if or because as until while of at by for with ' +
    'about against between into through during before after above below to from up down in out on off over under again ' +
    'further then once here there when where why how all any both each few more most other some such no nor not only own ' +
    'same so than too very s t can will just don should now'
  ).split(' '),
);

/**
 * Persian function words, as normalization writes them (Persian yeh and kaf, no ZWNJ). The
 * plural and possessive endings (ها, های, ی) are not among them: written apart, they are
 * half of a compound (text/persian-compounds).
 */
const PERSIAN_STOP_WORDS = new Set(
  (
    'و در به از که این آن را با برای تا بر یا اما هم نیز چون اگر پس هر چه چرا کجا کی ' +
    'است هست نیست بود باشد شد شود می نمی من تو او ما شما آنها ایشان یک دیگر همه هیچ ' +
    'خود ولی زیرا روی زیر پیش بین باید'
  ).split(' '),
);

/** Finnish function words (Postgres's list, its commonest). */
const FINNISH_STOP_WORDS = new Set(
  (
    'ja on ei se että oli olla kun mutta tai niin kuin jos myös mikä mitä joka jotka hän minä sinä ' +
    'me te he tämä tuo ne nyt vain sekä kanssa ovat olen olet olemme olette ole ollut siis koska ' +
    'jo vielä sen sitä siitä sille sekä eli'
  ).split(' '),
);

/**
 * Stop words of the desk's languages: a query leaves them out when it has other words (so
 * that "the", "را" or "ja" never decide a ranking), and keeps them when they are all it has.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_STOP_WORDS,
  ...PERSIAN_STOP_WORDS,
  ...FINNISH_STOP_WORDS,
]);

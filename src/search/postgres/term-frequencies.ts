/**
 * How common the index's terms are, from the planner's statistics on a vector of the
 * search documents (its most common lexemes and their share of documents) in one
 * organization's partition, which other organizations may share. They choose how to run
 * a query (a wrong guess costs time, not results) and weigh its words (wordWeight: three
 * coarse steps, which the statistics' sampling does not move for most words).
 */
export class TermFrequencies {
  /** the share of documents of any lexeme the statistics do not list (the planner's guess) */
  private readonly rare: number;
  private readonly lexemes: string[];
  /** cumulative frequencies: lexemes[i] has cumulative[i + 1] - cumulative[i] */
  private readonly cumulative: Float64Array;

  constructor(
    lexemes: string[],
    frequencies: number[],
    /** documents in the index */
    readonly documents: number,
  ) {
    // Postgres appends the minimum, the maximum and the null share to the frequencies.
    const listed = lexemes.map((lexeme, i) => ({ lexeme, frequency: frequencies[i] }));
    listed.sort((a, b) => (a.lexeme < b.lexeme ? -1 : a.lexeme > b.lexeme ? 1 : 0));
    this.lexemes = listed.map(({ lexeme }) => lexeme);
    this.cumulative = new Float64Array(listed.length + 1);
    listed.forEach(({ frequency }, i) => (this.cumulative[i + 1] = this.cumulative[i] + frequency));
    this.rare = lexemes.length > 0 ? frequencies[lexemes.length] / 2 : 0;
  }

  static readonly NONE = new TermFrequencies([], [], 0);

  /**
   * The estimated share of documents matching a tsquery text made of alternatives (as the
   * engine builds them for one word: `'refund' | 'refu':*`): the sum of its lexemes' shares.
   */
  of(tsquery: string): number {
    let share = 0;
    for (const [, quoted, prefix] of tsquery.matchAll(/'((?:[^']|'')*)'(:\*)?/g)) {
      const lexeme = quoted.replaceAll("''", "'");
      const from = this.lowerBound(lexeme);
      const to = prefix ? this.lowerBound(`${lexeme}\uffff`) : this.exactEnd(from, lexeme);
      share += Math.max(this.cumulative[to] - this.cumulative[from], this.rare);
    }
    return Math.min(1, share);
  }

  private exactEnd(from: number, lexeme: string): number {
    return this.lexemes[from] === lexeme ? from + 1 : from;
  }

  private lowerBound(value: string): number {
    let low = 0;
    let high = this.lexemes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lexemes[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

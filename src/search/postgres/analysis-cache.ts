import { LRUCache } from 'lru-cache';
/** What the analysis of one query word found: its tsquery (null if every language drops it) and its corrections and synonyms. */
export interface WordAnalysis {
  query: string | null;
  alternatives: string[];
}

const MAX_ENTRIES = 50_000;

/**
 * Query words already analysed, per organization, kept for a short while: agents search
 * the same words all day, and a word's forms never change. Its typo corrections and
 * synonyms may: a new synonym group clears the organization's words here at once (on
 * other API instances, within the time to live), and corrections found for an unknown
 * word stay until it expires even if the word itself appears in a new tip meanwhile
 * (which is found all the same: the word's own forms are always searched).
 */
export class AnalysisCache {
  private readonly entries: LRUCache<string, WordAnalysis>;

  constructor(ttlMs: number) {
    this.entries = new LRUCache({ max: MAX_ENTRIES, ttl: ttlMs });
  }

  static key(organizationId: string, configs: string[], word: string, prefix: boolean): string {
    return `${organizationId}\u0000${configs.join(',')}\u0000${prefix ? '*' : ''}${word}`;
  }

  get(key: string): WordAnalysis | undefined {
    return this.entries.get(key);
  }

  set(key: string, analysis: WordAnalysis): void {
    this.entries.set(key, analysis);
  }

  clear(): void {
    this.entries.clear();
  }

  forgetOrganization(organizationId: string): void {
    const prefix = `${organizationId}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

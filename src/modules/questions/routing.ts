/** An expert who could be offered a question, with what routing weighs. */
export interface RoutingCandidate {
  userId: string;
  /** the question's tags the expert is an expert in */
  matchedTags: string[];
  /** their answers accepted lately in the question's tags */
  recentAccepted: number;
  /** live offers plus claimed, unanswered questions */
  openQuestions: number;
  /** when they were last offered a question (null: never) */
  lastRoutedAt: Date | null;
  /**
   * Routed before everyone else: "the asker's mentor first" (see
   * QuestionRouting.preferredExperts).
   */
  preferred?: boolean;
}

/**
 * Best first: preferred experts, then more of the question's tags, then more answers
 * accepted lately in them, then fewer open questions, then longest since last routed (so
 * the load spreads).
 */
export function rankCandidates(candidates: RoutingCandidate[]): RoutingCandidate[] {
  const routed = (c: RoutingCandidate) => c.lastRoutedAt?.getTime() ?? -Infinity;
  return [...candidates].sort(
    (a, b) =>
      Number(b.preferred ?? false) - Number(a.preferred ?? false) ||
      b.matchedTags.length - a.matchedTags.length ||
      b.recentAccepted - a.recentAccepted ||
      a.openQuestions - b.openQuestions ||
      routed(a) - routed(b) ||
      a.userId.localeCompare(b.userId),
  );
}

/**
 * Up to `count` experts: the fewest that cover the most of the question's tags (each pick
 * the best-ranked expert adding the most tags not yet covered), then the next best ranked.
 */
export function chooseExperts(ranked: RoutingCandidate[], count: number): RoutingCandidate[] {
  const chosen: RoutingCandidate[] = [];
  const covered = new Set<string>();
  const left = [...ranked];
  while (chosen.length < count && left.length > 0) {
    let best = 0;
    let bestGain = -1;
    left.forEach((candidate, i) => {
      const gain = candidate.preferred
        ? Infinity
        : candidate.matchedTags.filter((tag) => !covered.has(tag)).length;
      if (gain > bestGain) [best, bestGain] = [i, gain];
    });
    const [pick] = left.splice(best, 1);
    pick.matchedTags.forEach((tag) => covered.add(tag));
    chosen.push(pick);
  }
  return chosen;
}

/** The question's tags that none of the candidates covers. */
export function uncoveredTags(tags: string[], candidates: RoutingCandidate[]): string[] {
  const covered = new Set(candidates.flatMap((candidate) => candidate.matchedTags));
  return tags.filter((tag) => !covered.has(tag));
}

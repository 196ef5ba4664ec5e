/** What happened, named `<subject>.<pastTense>`; consumers switch on it. */
export type DomainEventType =
  | 'tip.published'
  | 'tip.used'
  | 'tip.helpfulAdded'
  | 'tip.helpfulRemoved'
  | 'tip.flagged'
  | 'tip.verified'
  | 'expertise.granted'
  | 'expertise.revoked'
  | 'question.asked'
  | 'question.offered'
  | 'question.widened'
  | 'question.seen'
  | 'question.declined'
  | 'question.claimed'
  | 'question.answered'
  | 'question.accepted'
  | 'question.unaccepted'
  | 'question.escalated'
  | 'question.closed'
  | 'question.reopened'
  | 'question.promoted'
  | 'answer.voted'
  | 'badge.awarded'
  | 'kudos.given'
  | 'mentor.granted'
  | 'mentor.revoked'
  | 'mentorship.started'
  | 'mentorship.ended'
  | 'mentorship.requested'
  | 'mentorship.declined'
  | 'coaching.recorded';

/** A change that others react to, appended to the log in the transaction that made it. */
export interface DomainEvent {
  id: string;
  organizationId: string;
  type: DomainEventType;
  /** who did it; null for the system (a deadline, a widening) */
  actorId: string | null;
  /** the tip, question or user it is about */
  subjectId: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export type NewDomainEvent = Omit<DomainEvent, 'id' | 'occurredAt' | 'actorId' | 'data'> & {
  actorId?: string | null;
  data?: Record<string, unknown>;
};

import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { RecognitionPeriod } from '../recognition/recognition.service.js';
import '../recognition/recognition.types.js';
import { Question } from '../questions/question.types.js';
import { Tip } from '../tips/tip.types.js';
import { User } from '../users/user.types.js';
import type { TeamScope } from './insights.repository.js';

@ArgsType()
export class TeamInsightsArgs {
  @Field(() => ID)
  teamId: string;

  @Field(() => RecognitionPeriod, {
    defaultValue: RecognitionPeriod.WEEK,
    description: "The ISO week or calendar month so far on the organization's clock, or all time.",
  })
  period: RecognitionPeriod = RecognitionPeriod.WEEK;
}

@ObjectType({ description: 'A query the team searched that found nothing.' })
export class NoResultQuery {
  @Field()
  query: string;

  @Field(() => Int, { description: 'Searches (a burst of keystrokes counts once).' })
  searches: number;

  @Field()
  lastSearchedAt: Date;
}

@ObjectType({
  description: "The team's searches in the period: a burst of keystrokes counts once.",
})
export class SearchInsights {
  @Field(() => Int)
  searches: number;

  @Field(() => Int)
  withoutResults: number;

  @Field(() => Int, {
    description: 'Searches after which the searcher marked a tip used within 15 minutes.',
  })
  followedByUse: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'followedByUse / searches: how often a search led to knowledge used on a call (null without searches).',
  })
  reuseRate: number | null;

  @Field(() => [NoResultQuery], { description: 'The 10 most frequent queries that found nothing.' })
  noResultQueries: NoResultQuery[];
}

@ObjectType({ description: 'LIVE_CALL questions the team asked: a customer was waiting.' })
export class LiveCallInsights {
  @Field(() => Int)
  asked: number;

  @Field(() => Int, { description: 'With a first answer before the deadline.' })
  answeredInTime: number;

  @Field(() => Int, { description: 'Escalated to leads at the deadline.' })
  escalated: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from asking to the first answer.',
  })
  medianFirstAnswerSeconds: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from asking to an expert claiming it.',
  })
  medianClaimSeconds: number | null;
}

@ObjectType({ description: 'Questions the team asked (by the team they were asked from).' })
export class QuestionInsights {
  @Field(() => Int, { description: 'Asked in the period.' })
  asked: number;

  @Field(() => LiveCallInsights)
  liveCall: LiveCallInsights;

  @Field(() => Int, { description: 'Without an answer now, whenever asked.' })
  unansweredCount: number;

  @Field(() => [Question], { description: 'The 10 oldest without an answer.' })
  unanswered: Question[];
}

@ObjectType()
export class TipsDue {
  @Field(() => Int)
  total: number;

  @Field(() => [Tip], {
    description: 'Up to 10, those needing review first, then by verification date.',
  })
  tips: Tip[];
}

@ObjectType()
export class ReusedTip {
  @Field(() => Tip, {
    nullable: true,
    description: 'Null when the reader cannot see it (now a draft or archived).',
  })
  tip: Tip | null;

  @Field(() => Int, { description: 'Times the team marked it used.' })
  uses: number;

  @Field(() => Int, { description: 'Team members who used it.' })
  agents: number;
}

@ObjectType()
export class MentorLoad {
  @Field(() => User, { nullable: true })
  mentor: User | null;

  @Field(() => Int)
  activeMentees: number;

  @Field(() => Int)
  capacity: number;

  @Field(() => Int, { description: 'Mentees’ requests waiting for their answer.' })
  pendingRequests: number;
}

@ObjectType()
export class FrequentAsker {
  @Field(() => User, { nullable: true })
  user: User | null;

  @Field(() => Int, { description: 'Questions asked in the period.' })
  questionsAsked: number;
}

@ObjectType({
  description:
    'What a lead needs to coach a team, for a period; each part is computed only when asked for.',
})
export class TeamInsights {
  @Field(() => RecognitionPeriod)
  period: RecognitionPeriod;

  @Field(() => Date, { nullable: true, description: 'When the period began; null for all time.' })
  since: Date | null;

  scope: TeamScope;
}

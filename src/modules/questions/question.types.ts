import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { ConnectionType } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.interface.js';
import { UserError } from '../../common/graphql/user-error.js';
import { NoCardNumbers } from '../../common/validation/card-numbers.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { TipLanguage, TipTags } from '../tips/tip-rules.js';
import { Tip } from '../tips/tip.types.js';
import {
  AnswerEntity,
  DeclineReason,
  QuestionEntity,
  QuestionOfferEntity,
  QuestionStatus,
  Urgency,
} from './question.entities.js';

registerEnumType(Urgency, {
  name: 'Urgency',
  valuesMap: {
    LIVE_CALL: { description: 'A customer is waiting on the line: a short deadline.' },
    NORMAL: { description: 'Answer within hours.' },
  },
});
registerEnumType(QuestionStatus, {
  name: 'QuestionStatus',
  valuesMap: {
    OPEN: { description: 'Asked and offered to experts; nobody has claimed it.' },
    CLAIMED: { description: 'An expert has taken it and is answering.' },
    ANSWERED: { description: 'It has an answer.' },
    ESCALATED: {
      description: 'Past its deadline unanswered: the lead was told. Still answerable.',
    },
    CLOSED: { description: 'Done; reopening takes it back to ANSWERED.' },
  },
});
registerEnumType(DeclineReason, { name: 'DeclineReason' });

export const MAX_QUESTION_TITLE = 200;
export const MAX_QUESTION_BODY = 20_000;
export const MAX_STEPS_TRIED = 2_000;
export const MAX_ANSWER = 20_000;

@ObjectType('Question', {
  implements: () => [Node],
  description: 'An agent’s question to the experts of its tags.',
})
export class Question implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'Markdown, as written.' })
  body: string;

  @Field({ description: 'What the agent already tried: experts read it first.' })
  stepsTried: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  language: string;

  @Field(() => Urgency)
  urgency: Urgency;

  @Field(() => QuestionStatus)
  status: QuestionStatus;

  @Field({ description: 'When it escalates to the lead unless answered.' })
  deadline: Date;

  @Field(() => Date, { nullable: true })
  claimedAt: Date | null;

  @Field(() => Date, { nullable: true })
  firstAnswerAt: Date | null;

  @Field(() => Int)
  answerCount: number;

  @Field(() => Date, { nullable: true })
  escalatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  questionId: string;
  organizationId: string;
  askerId: string;
  tipId: string | null;
  teamId: string | null;
  claimedBy: string | null;
  acceptedAnswerId: string | null;
  uncovered: string[];
  entity: QuestionEntity;

  static from(entity: QuestionEntity): Question {
    return {
      id: toGlobalId('Question', entity.id),
      questionId: entity.id,
      organizationId: entity.organizationId,
      askerId: entity.askerId,
      tipId: entity.tipId,
      teamId: entity.teamId,
      claimedBy: entity.claimedBy,
      acceptedAnswerId: entity.acceptedAnswerId,
      uncovered: entity.uncoveredTags,
      entity,
      title: entity.title,
      body: entity.body,
      stepsTried: entity.stepsTried,
      tags: entity.tags ?? [],
      language: entity.language,
      urgency: entity.urgency,
      status: entity.status,
      deadline: entity.deadline,
      claimedAt: entity.claimedAt,
      firstAnswerAt: entity.firstAnswerAt,
      answerCount: entity.answerCount,
      escalatedAt: entity.escalatedAt,
      closedAt: entity.closedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

@ObjectType('Answer', { implements: () => [Node] })
export class Answer implements Node {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Markdown, as written.' })
  body: string;

  @Field(() => Int, { description: 'Up votes minus down votes.' })
  score: number;

  @Field(() => Int, { description: 'Edits make revisions: 1 for an answer never edited.' })
  revision: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  answerId: string;
  organizationId: string;
  questionId: string;
  authorId: string;

  static from(entity: AnswerEntity): Answer {
    return {
      id: toGlobalId('Answer', entity.id),
      answerId: entity.id,
      organizationId: entity.organizationId,
      questionId: entity.questionId,
      authorId: entity.authorId,
      body: entity.body,
      score: entity.score,
      revision: entity.revision,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

@ObjectType({
  description: 'A question offered to one expert, or to a lead when no expert was free.',
})
export class QuestionOffer {
  @Field(() => Int, { description: 'The routing round that offered it, from 1.' })
  round: number;

  @Field({ description: 'Offered to a lead because no expert was available, or at the deadline.' })
  toLead: boolean;

  @Field()
  offeredAt: Date;

  @Field(() => Date, { nullable: true })
  seenAt: Date | null;

  @Field(() => Date, { nullable: true })
  claimedAt: Date | null;

  @Field(() => Date, { nullable: true })
  declinedAt: Date | null;

  @Field(() => DeclineReason, { nullable: true })
  declineReason: DeclineReason | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Someone else claimed or answered it, or it closed.',
  })
  withdrawnAt: Date | null;

  organizationId: string;
  expertId: string;

  static from(entity: QuestionOfferEntity): QuestionOffer {
    return {
      organizationId: entity.organizationId,
      expertId: entity.expertId,
      round: entity.round,
      toLead: entity.toLead,
      offeredAt: entity.offeredAt,
      seenAt: entity.seenAt,
      claimedAt: entity.claimedAt,
      declinedAt: entity.declinedAt,
      declineReason: entity.declineReason,
      withdrawnAt: entity.withdrawnAt,
    };
  }
}

@ObjectType({
  description: 'One step of a question’s routing: asked, offered, widened, declined, claimed …',
})
export class RoutingStep {
  @Field({ description: 'The domain event, e.g. "question.offered".' })
  type: string;

  @Field()
  at: Date;

  @Field(() => Int, { nullable: true })
  round: number | null;

  @Field(() => String, { nullable: true, description: 'Why an expert declined.' })
  reason: string | null;

  organizationId: string;
  /** who acted, or who was offered it */
  userId: string | null;
}

@ObjectType()
export class QuestionRoutingReport {
  @Field(() => [QuestionOffer])
  offers: QuestionOffer[];

  @Field(() => [RoutingStep], { description: 'Oldest first.' })
  history: RoutingStep[];
}

export const QuestionConnection = ConnectionType(Question, 'Question');

const titleMessage = `The title must be 1-${MAX_QUESTION_TITLE} characters.`;

@InputType()
export class AskQuestionInput {
  @Field({ description: `1-${MAX_QUESTION_TITLE} characters.` })
  @Trimmed()
  @Length(1, MAX_QUESTION_TITLE, { message: titleMessage })
  @NoCardNumbers()
  title: string;

  @Field({ defaultValue: '', description: `Markdown, at most ${MAX_QUESTION_BODY} characters.` })
  @MaxLength(MAX_QUESTION_BODY, {
    message: `The body must be at most ${MAX_QUESTION_BODY} characters.`,
  })
  @NoCardNumbers()
  body: string = '';

  @Field({ defaultValue: '', description: `At most ${MAX_STEPS_TRIED} characters.` })
  @Trimmed()
  @MaxLength(MAX_STEPS_TRIED, {
    message: `What you tried must be at most ${MAX_STEPS_TRIED} characters.`,
  })
  @NoCardNumbers()
  stepsTried: string = '';

  @Field(() => [String], { description: 'At least one: experts are found by tag.' })
  @ArrayMinSize(1, { message: 'Name at least one tag: experts are found by their tags.' })
  @TipTags()
  tags: string[];

  @Field({ nullable: true, description: "Defaults to your locale's language." })
  @IsOptional()
  @TipLanguage()
  language?: string;

  @Field(() => Urgency)
  @IsEnum(Urgency)
  urgency: Urgency;

  @Field(() => ID, {
    nullable: true,
    description: 'The `searchId` of the search that found nothing, so leads see what was missing.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'Send the searchId a search returned.' })
  fromSearchId?: string | null;
}

@InputType()
export class QuestionIdInput {
  @Field(() => ID)
  questionId: string;
}

@InputType()
export class DeclineQuestionInput {
  @Field(() => ID)
  questionId: string;

  @Field(() => DeclineReason, { defaultValue: DeclineReason.BUSY })
  @IsEnum(DeclineReason)
  reason: DeclineReason = DeclineReason.BUSY;
}

const AnswerBody = () =>
  applyDecorators(
    Trimmed(),
    Length(1, MAX_ANSWER, { message: `The answer must be 1-${MAX_ANSWER} characters.` }),
    NoCardNumbers(),
  );

@InputType()
export class AnswerQuestionInput {
  @Field(() => ID)
  questionId: string;

  @Field({ description: `Markdown, 1-${MAX_ANSWER} characters.` })
  @AnswerBody()
  body: string;
}

@InputType()
export class UpdateAnswerInput {
  @Field(() => ID)
  answerId: string;

  @Field({ description: `Markdown, 1-${MAX_ANSWER} characters.` })
  @AnswerBody()
  body: string;
}

@InputType()
export class AnswerIdInput {
  @Field(() => ID)
  answerId: string;
}

@InputType()
export class VoteAnswerInput {
  @Field(() => ID)
  answerId: string;

  @Field(() => Int, { description: '1 up, -1 down, 0 takes your vote back.' })
  @IsInt()
  @IsIn([-1, 0, 1], { message: 'The vote is 1, -1 or 0.' })
  value: -1 | 0 | 1;
}

@ObjectType()
export class QuestionPayload {
  @Field(() => Question, { nullable: true })
  question?: Question | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class PromoteAnswerPayload {
  @Field(() => Question, { nullable: true })
  question?: Question | null;

  @Field(() => Tip, { nullable: true, description: 'The draft, for its author to publish.' })
  tip?: Tip | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class AnswerPayload {
  @Field(() => Answer, { nullable: true })
  answer?: Answer | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

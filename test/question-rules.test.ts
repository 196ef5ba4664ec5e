import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { TestApp } from './support/test-app.js';

const ASK = `mutation ($input: AskQuestionInput!) {
  askQuestion(input: $input) { question { id status language } userErrors { field message code } } }`;
const ANSWER = `mutation ($id: ID!, $body: String!) {
  answerQuestion(input: {questionId: $id, body: $body}) { answer { id score myVote } userErrors { message code } } }`;
const VOTE = `mutation ($id: ID!, $value: Int!) {
  voteAnswer(input: {answerId: $id, value: $value}) { answer { score myVote } userErrors { field message code } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptAnswer(input: {answerId: $id}) { answer { accepted } userErrors { message } } }`;

describe('expert questions: the rules', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let questionId: string;
  let answerId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    for (const slug of ['north', 'south']) {
      const organization = await t.organization(slug);
      for (const [name, role] of [
        ['asker', Role.AGENT],
        ['expert', Role.AGENT],
        ['bystander', Role.AGENT],
        ['admin', Role.ADMIN],
      ] as const) {
        const user = await t.user(organization.id, `${name}@${slug}.test`, role);
        if (name === 'expert')
          await t.app.get(ExpertiseService).change(null, organization.id, user.id, 'billing', true);
        token[`${slug}-${name}`] = await t.token(slug, `${name}@${slug}.test`);
      }
    }
    const asked = await t.gql(
      ASK,
      { input: { title: 'Refund to a closed card', tags: ['billing'], urgency: 'NORMAL' } },
      token['north-asker'],
    );
    questionId = asked.data!.askQuestion.question.id;
  });
  afterAll(() => t?.close());

  it('refuses a card number typed into any field, naming the field', async () => {
    for (const field of ['title', 'body', 'stepsTried']) {
      const input = {
        title: 'Card declined',
        tags: ['billing'],
        urgency: 'LIVE_CALL',
        [field]: 'Card 4111 1111 1111 1111 was declined',
      };
      const result = await t.gql(ASK, { input }, token['north-asker']);
      expect(result.data!.askQuestion).toEqual({
        question: null,
        userErrors: [
          {
            field: ['input', field],
            code: 'INVALID',
            message: expect.stringContaining('payment card number (ending 1111)'),
          },
        ],
      });
    }
  });

  it('needs a tag, and limits every field', async () => {
    const noTag = await t.gql(
      ASK,
      { input: { title: 'x', tags: [], urgency: 'NORMAL' } },
      token['north-asker'],
    );
    expect(noTag.data!.askQuestion.userErrors[0]).toMatchObject({
      field: ['input', 'tags'],
      message: expect.stringContaining('at least one tag'),
    });
    const long = await t.gql(
      ASK,
      { input: { title: 'x', stepsTried: 'y'.repeat(2001), tags: ['a'], urgency: 'NORMAL' } },
      token['north-asker'],
    );
    expect(long.data!.askQuestion.userErrors[0].field).toEqual(['input', 'stepsTried']);
  });

  it('keeps routing settings of at least 5 seconds', async () => {
    const result = await t.gql(
      `mutation { updateOrganizationSettings(input: {liveCallWidenSeconds: 4}) { organization { id } userErrors { field message } } }`,
      {},
      token['north-admin'],
    );
    expect(result.data!.updateOrganizationSettings.userErrors).toEqual([
      {
        field: ['input', 'liveCallWidenSeconds'],
        message: 'Must be a whole number of seconds from 5 to 3600.',
      },
    ]);
  });

  it('lets experts of its tags answer, not the asker nor others', async () => {
    for (const who of ['north-asker', 'north-bystander']) {
      const refused = await t.gql(ANSWER, { id: questionId, body: 'Try again' }, token[who]);
      expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    }
    const answered = await t.gql(
      ANSWER,
      { id: questionId, body: 'Refund to the account balance instead.' },
      token['north-expert'],
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerQuestion.userErrors).toEqual([]);
    answerId = answered.data!.answerQuestion.answer.id;
    const read = await t.gql(
      `{ question(id: "${questionId}") { status claimedBy { displayName } firstAnswerAt } }`,
      {},
      token['north-asker'],
    );
    expect(read.data!.question).toMatchObject({
      status: 'ANSWERED',
      claimedBy: { displayName: 'expert' },
    });
  });

  it('counts one vote per user, taken back with 0, never on one’s own answer', async () => {
    const own = await t.gql(VOTE, { id: answerId, value: 1 }, token['north-expert']);
    expect(own.data!.voteAnswer.userErrors[0].code).toBe('NOT_ALLOWED');
    const votes = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.gql(VOTE, { id: answerId, value: 1 }, token['north-asker']),
      ),
    );
    expect(votes.every((vote) => vote.errors === undefined)).toBe(true);
    await t.gql(VOTE, { id: answerId, value: -1 }, token['north-bystander']);
    const read = await t.gql(VOTE, { id: answerId, value: 1 }, token['north-asker']);
    expect(read.data!.voteAnswer.answer).toEqual({ score: 0, myVote: 1 });
    const back = await t.gql(VOTE, { id: answerId, value: 0 }, token['north-bystander']);
    expect(back.data!.voteAnswer.answer).toEqual({ score: 1, myVote: 0 });
    const wrong = await t.gql(VOTE, { id: answerId, value: 2 }, token['north-bystander']);
    expect(wrong.data!.voteAnswer.userErrors[0].field).toEqual(['input', 'value']);
  });

  it('lets the asker (or an admin) accept, not a bystander', async () => {
    const refused = await t.gql(ACCEPT, { id: answerId }, token['north-bystander']);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const accepted = await t.gql(ACCEPT, { id: answerId }, token['north-asker']);
    expect(accepted.data!.acceptAnswer.answer).toEqual({ accepted: true });
  });

  it('finds answered questions next to tips, with their accepted answer', async () => {
    const SEARCH = `query ($q: String!, $types: [SearchResultType!]) { search(query: $q, types: $types) {
      searchId edges { node { __typename ... on Question { id title acceptedAnswer { body } } } } } }`;
    const found = await t.gql(SEARCH, { q: 'closed card ' }, token['north-bystander']);
    expect(found.data!.search.edges).toEqual([
      {
        node: {
          __typename: 'Question',
          id: questionId,
          title: 'Refund to a closed card',
          acceptedAnswer: { body: 'Refund to the account balance instead.' },
        },
      },
    ]);
    // words of the answer find it too
    const byAnswer = await t.gql(SEARCH, { q: 'account balance ' }, token['north-bystander']);
    expect(byAnswer.data!.search.edges).toHaveLength(1);
    const tipsOnly = await t.gql(
      SEARCH,
      { q: 'closed card ', types: ['TIP'] },
      token['north-bystander'],
    );
    expect(tipsOnly.data!.search.edges).toEqual([]);
    const south = await t.gql(SEARCH, { q: 'closed card ' }, token['south-admin']);
    expect(south.data!.search.edges).toEqual([]);
    const click = await t.gql(
      `mutation ($input: RecordSearchClickInput!) { recordSearchClick(input: $input) { recorded userErrors { message } } }`,
      { input: { searchId: found.data!.search.searchId, nodeId: questionId, position: 1 } },
      token['north-bystander'],
    );
    expect(click.data!.recordSearchClick).toEqual({ recorded: true, userErrors: [] });
    const similar = await t.gql(
      `{ similarQuestions(title: "refund closed card") { __typename ... on Question { id } } }`,
      {},
      token['north-asker'],
    );
    expect(similar.data!.similarQuestions).toEqual([{ __typename: 'Question', id: questionId }]);
    // a search that found nothing, then a question about it: leads see it was asked after searching
    const nothing = await t.gql(SEARCH, { q: 'parcel lost ' }, token['north-asker']);
    expect(nothing.data!.search.edges).toEqual([]);
    const asked = await t.gql(
      `mutation ($search: ID) { askQuestion(input: {title: "Parcel lost in transit", tags: ["shipping"],
         urgency: NORMAL, fromSearchId: $search}) { question { id } userErrors { message } } }`,
      { search: nothing.data!.search.searchId },
      token['north-asker'],
    );
    expect(asked.data!.askQuestion.userErrors).toEqual([]);
    const gaps = await t.gql(
      `{ searchGaps { query withoutResults askedAfter } }`,
      {},
      token['north-admin'],
    );
    expect(gaps.data!.searchGaps).toContainEqual({
      query: 'parcel lost',
      withoutResults: 1,
      askedAfter: 1,
    });
    // an unanswered question is not found
    expect(
      (await t.gql(SEARCH, { q: 'parcel ' }, token['north-asker'])).data!.search.edges,
    ).toEqual([]);
  });

  it('turns the accepted answer into a draft tip by the answerer, once, linked both ways', async () => {
    const PROMOTE = `mutation ($id: ID!) { promoteAnswerToTip(input: {questionId: $id}) {
      question { tip { id } } tip { id status title body tags author { displayName } question { id } }
      userErrors { message code } } }`;
    const refused = await t.gql(PROMOTE, { id: questionId }, token['north-bystander']);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const promoted = await t.gql(PROMOTE, { id: questionId }, token['north-expert']);
    expect(promoted.data!.promoteAnswerToTip.tip).toMatchObject({
      status: 'DRAFT',
      title: 'Refund to a closed card',
      body: 'Refund to the account balance instead.',
      tags: ['billing'],
      author: { displayName: 'expert' },
      question: { id: questionId },
    });
    const tipId = promoted.data!.promoteAnswerToTip.tip.id;
    expect(promoted.data!.promoteAnswerToTip.question.tip).toEqual({ id: tipId });
    const again = await t.gql(PROMOTE, { id: questionId }, token['north-admin']);
    expect(again.data!.promoteAnswerToTip.userErrors[0].code).toBe('TAKEN');
    // a draft shows to its author only
    const asker = await t.gql(
      `{ question(id: "${questionId}") { tip { id } } }`,
      {},
      token['north-asker'],
    );
    expect(asker.data!.question.tip).toBeNull();
  });

  it('treats another organization’s questions and answers as missing', async () => {
    const south = token['south-admin'];
    for (const [query, variables] of [
      [`{ question(id: "${questionId}") { id } }`, {}],
      [ANSWER, { id: questionId, body: 'hi' }],
      [VOTE, { id: answerId, value: 1 }],
      [ACCEPT, { id: answerId }],
      [
        `mutation ($id: ID!) { promoteAnswerToTip(input: {questionId: $id}) { tip { id } } }`,
        { id: questionId },
      ],
      [
        `mutation ($id: ID!) { claimQuestion(input: {questionId: $id}) { question { id } } }`,
        { id: questionId },
      ],
      [
        `mutation ($id: ID!) { closeQuestion(input: {questionId: $id}) { question { id } } }`,
        { id: questionId },
      ],
    ] as const) {
      const result = await t.gql(query, variables, south);
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const node = await t.gql(`{ node(id: "${questionId}") { id } }`, {}, south);
    expect(node.data!.node).toBeNull();
    const list = await t.gql(`{ questions { edges { node { id } } } }`, {}, south);
    expect(list.data!.questions.edges).toEqual([]);
  });

  it('closes and reopens: reopening takes it back to ANSWERED', async () => {
    const close = await t.gql(
      `mutation ($id: ID!) { closeQuestion(input: {questionId: $id}) { question { status } } }`,
      { id: questionId },
      token['north-asker'],
    );
    expect(close.data!.closeQuestion.question.status).toBe('CLOSED');
    const answerClosed = await t.gql(
      ANSWER,
      { id: questionId, body: 'late' },
      token['north-expert'],
    );
    expect(answerClosed.data!.answerQuestion.userErrors[0].code).toBe('NOT_ALLOWED');
    const reopen = await t.gql(
      `mutation ($id: ID!) { reopenQuestion(input: {questionId: $id}) { question { status } } }`,
      { id: questionId },
      token['north-asker'],
    );
    expect(reopen.data!.reopenQuestion.question.status).toBe('ANSWERED');
  });
});

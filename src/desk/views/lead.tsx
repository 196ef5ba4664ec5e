import { useEffect, useState } from 'preact/hooks';
import { DeskUser, gql } from '../api';
import type { Translate } from '../i18n';
import { QuestionList } from './questions';

interface Person {
  id: string;
  displayName: string;
  isMentor: boolean;
}

const LEAD = `query ($teamId: ID!) {
  searchGaps(first: 10) { query searches withoutResults }
  teamInsights(teamId: $teamId, period: WEEK) {
    searches { searches reuseRate }
    questionInsights { asked unansweredCount liveCall { asked answeredInTime escalated medianFirstAnswerSeconds } }
    tipsDueForVerification { total tips { id title } }
  }
  mentorCandidates(teamId: $teamId, first: 10) { edges { node {
    points reusedByOthers acceptedAnswers liveCallsInTime user { id displayName isMentor } } } }
  recognitionFeed(teamId: $teamId, first: 10) { edges { node { kind message at } } }
  team: node(id: $teamId) { ... on Team { members(first: 100) { edges { node { id displayName isMentor } } } } }
}`;

/** What a lead coaches from: gaps, insights, candidates, mentor roles, kudos, the feed. */
export function LeadView(props: { t: Translate; user: DeskUser }) {
  const { t } = props;
  const [teamId, setTeamId] = useState(props.user.teamId);
  const [data, setData] = useState<Record<string, any> | null>(null);
  const [note, setNote] = useState('');
  const load = async () => {
    let team = teamId;
    if (!team) {
      const teams = await gql(`{ teams(first: 1) { edges { node { id } } } }`);
      team = teams.teams.edges[0]?.node.id ?? null;
      setTeamId(team);
    }
    if (team) setData(await gql(LEAD, { teamId: team }));
  };
  useEffect(() => {
    load().catch((error: Error) => setNote(error.message));
  }, []);
  const mutate = async (query: string, input: Record<string, unknown>, name: string) => {
    const result = await gql(query, { input });
    const errors = result[name].userErrors as { message: string }[];
    setNote(errors.length ? errors.map((e) => e.message).join(' ') : '✓');
    await load();
  };
  if (!data) return <p aria-busy="true">{note}</p>;
  const insights = data.teamInsights;
  const people: Person[] = data.team.members.edges.map((edge: { node: Person }) => edge.node);
  const grant = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void mutate(
      `mutation ($input: GrantMentorRoleInput!) { grantMentorRole(input: $input) { userErrors { message } } }`,
      {
        userId: form.get('userId'),
        tags: String(form.get('tags'))
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        capacity: Number(form.get('capacity')),
        reason: form.get('reason'),
      },
      'grantMentorRole',
    );
  };
  const kudos = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void mutate(
      `mutation ($input: GiveKudosInput!) { giveKudos(input: $input) { userErrors { message } } }`,
      { userId: form.get('userId'), message: form.get('message') },
      'giveKudos',
    );
  };
  const expertise = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const grant = (event.submitter as HTMLButtonElement | null)?.value !== 'no';
    const name = grant ? 'grantExpertise' : 'revokeExpertise';
    void mutate(
      `mutation ($input: ExpertiseInput!) { ${name}(input: $input) { userErrors { message } } }`,
      { userId: form.get('userId'), tag: form.get('tag') },
      name,
    );
  };
  const choosePerson = (
    <select name="userId" required>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.displayName}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <p role="status">{note}</p>
      <div class="lead">
        <section aria-labelledby="insights">
          <h2 id="insights">{t('insights')}</h2>
          <dl>
            <dt>{t('reuseRate')}</dt>
            <dd>
              {insights.searches.reuseRate === null
                ? '–'
                : `${Math.round(insights.searches.reuseRate * 100)} %`}
            </dd>
            <dt>{t('liveCallsInTime')}</dt>
            <dd>
              {insights.questionInsights.liveCall.answeredInTime} /{' '}
              {insights.questionInsights.liveCall.asked}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="gaps">
          <h2 id="gaps">{t('searchGaps')}</h2>
          {data.searchGaps.length === 0 && <p>{t('empty')}</p>}
          <ul>
            {data.searchGaps.map((gap: { query: string; searches: number }) => (
              <li key={gap.query} dir="auto">
                {gap.query} ({gap.searches})
              </li>
            ))}
          </ul>
        </section>
        <QuestionList
          t={t}
          title={t('teamQuestions')}
          filter={{ team: true, status: ['ANSWERED', 'ESCALATED'] }}
        />
        <section aria-labelledby="due">
          <h2 id="due">{t('tipsDue')}</h2>
          {insights.tipsDueForVerification.tips.length === 0 && <p>{t('empty')}</p>}
          <ul>
            {insights.tipsDueForVerification.tips.map((tip: { id: string; title: string }) => (
              <li key={tip.id} dir="auto">
                {tip.title}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="candidates">
          <h2 id="candidates">{t('mentorCandidates')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('profile')}</th>
                <th scope="col">{t('points')}</th>
                <th scope="col">{t('reusedByOthers')}</th>
                <th scope="col">{t('mentor')}</th>
              </tr>
            </thead>
            <tbody>
              {data.mentorCandidates.edges.map(
                ({ node }: { node: { points: number; reusedByOthers: number; user: Person } }) => (
                  <tr key={node.user.id}>
                    <td dir="auto">{node.user.displayName}</td>
                    <td>{node.points}</td>
                    <td>{node.reusedByOthers}</td>
                    <td>
                      {node.user.isMentor ? (
                        <button
                          type="button"
                          onClick={() =>
                            mutate(
                              `mutation ($input: RevokeMentorRoleInput!) { revokeMentorRole(input: $input) { userErrors { message } } }`,
                              { userId: node.user.id, reason: 'Revoked from the desk' },
                              'revokeMentorRole',
                            )
                          }
                        >
                          {t('revokeMentor')}
                        </button>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <form onSubmit={grant} class="inline">
            <label>
              {t('profile')} {choosePerson}
            </label>
            <label>
              {t('tags')} <input name="tags" required />
            </label>
            <label>
              {t('capacity')}{' '}
              <input name="capacity" type="number" min={1} max={20} value={3} required />
            </label>
            <label>
              {t('reason')} <input name="reason" required maxLength={500} />
            </label>
            <button type="submit">{t('makeMentor')}</button>
          </form>
        </section>
        <section aria-labelledby="expertise">
          <h2 id="expertise">{t('expertise')}</h2>
          <form onSubmit={expertise} class="inline">
            <label>
              {t('profile')} {choosePerson}
            </label>
            <label>
              {t('tags')} <input name="tag" required maxLength={50} />
            </label>
            <button type="submit" name="grant" value="yes">
              {t('grantExpertise')}
            </button>
            <button type="submit" name="grant" value="no">
              {t('revokeExpertise')}
            </button>
          </form>
        </section>
        <section aria-labelledby="kudos">
          <h2 id="kudos">{t('kudos')}</h2>
          <form onSubmit={kudos} class="inline">
            <label>
              {t('profile')} {choosePerson}
            </label>
            <label>
              {t('kudosMessage')} <input name="message" required maxLength={500} dir="auto" />
            </label>
            <button type="submit">{t('kudos')}</button>
          </form>
        </section>
        <section aria-labelledby="feed">
          <h2 id="feed">{t('feed')}</h2>
          {data.recognitionFeed.edges.length === 0 && <p>{t('empty')}</p>}
          <ul>
            {data.recognitionFeed.edges.map(
              ({ node }: { node: { kind: string; message: string; at: string } }, i: number) => (
                <li key={i} dir="auto">
                  {node.message}
                </li>
              ),
            )}
          </ul>
        </section>
      </div>
    </>
  );
}

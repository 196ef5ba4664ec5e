import { useEffect, useState } from 'preact/hooks';
import { gql, live } from '../api';
import type { Translate } from '../i18n';

interface Answer {
  id: string;
  bodyHtml: string;
  accepted: boolean;
  author: { displayName: string } | null;
}

const QUESTION = `id status secondsToDeadline answers { id bodyHtml accepted author { displayName } }`;

/** "Ask an expert", prefilled with what the agent searched, then the answer as it arrives. */
export function AskView(props: { t: Translate; query: string; searchId: string | null }) {
  const { t } = props;
  const [asked, setAsked] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const tags = String(form.get('tags'))
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const data = await gql(
      `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { question { id } userErrors { message } } }`,
      {
        input: {
          title: String(form.get('title')),
          body: String(form.get('body')),
          tags,
          urgency: form.get('live') ? 'LIVE_CALL' : 'NORMAL',
          fromSearchId: props.searchId,
        },
      },
    ).catch((error: Error) => ({ askQuestion: { userErrors: [error] } }));
    const payload = data.askQuestion;
    if (payload.question) setAsked(payload.question.id);
    else setProblem(payload.userErrors.map((e: { message: string }) => e.message).join(' '));
  };
  if (asked)
    return (
      <>
        <h1>{t('askExpert')}</h1>
        <QuestionWatch t={t} id={asked} />
      </>
    );
  return (
    <form class="ask" onSubmit={submit}>
      <h1>{t('askExpert')}</h1>
      <label>
        {t('askTitle')}
        <input name="title" required maxLength={200} value={props.query} dir="auto" />
      </label>
      <label>
        {t('askDetails')}
        <textarea name="body" rows={4} maxLength={20000} dir="auto" />
      </label>
      <label>
        {t('askTags')}
        <input name="tags" required />
      </label>
      <label class="switch">
        <input type="checkbox" role="switch" name="live" defaultChecked />
        {t('liveCall')}
      </label>
      {problem && <p role="alert">{problem}</p>}
      <button type="submit" class="primary">
        {t('send')}
      </button>
    </form>
  );
}

/** The asked question: a countdown to its deadline, and answers live as experts send them. */
export function QuestionWatch(props: { t: Translate; id: string }) {
  const { t } = props;
  const [question, setQuestion] = useState<{ status: string; answers: Answer[] } | null>(null);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(Date.now());
  const take = (found: { status: string; secondsToDeadline: number; answers: Answer[] }) => {
    setQuestion(found);
    setDeadline(Date.now() + found.secondsToDeadline * 1000);
  };
  useEffect(() => {
    void gql(`query ($id: ID!) { question(id: $id) { ${QUESTION} } }`, { id: props.id }).then(
      (data) => take(data.question),
    );
    const stop = live(
      `subscription ($id: ID!) { questionUpdated(id: $id) { ${QUESTION} } }`,
      { id: props.id },
      (data) => take(data.questionUpdated),
    );
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stop();
      clearInterval(tick);
    };
  }, [props.id]);
  const accept = async (answerId: string) => {
    const data = await gql(
      `mutation ($id: ID!) { acceptAnswer(input: {answerId: $id}) { answer { question { ${QUESTION} } } } }`,
      { id: answerId },
    );
    take(data.acceptAnswer.answer.question);
  };
  if (!question) return <p aria-busy="true" />;
  const left = Math.max(0, Math.round((deadline - now) / 1000));
  return (
    <section class="watch" aria-live="polite">
      <h2>{question.answers.length ? t('answerArrived') : t('waitingForExpert')}</h2>
      {!question.answers.length && ['OPEN', 'CLAIMED'].includes(question.status) && (
        <p class="countdown" role="timer">
          {t('secondsLeft', { s: left })}
        </p>
      )}
      {question.answers.map((answer) => (
        <article key={answer.id} class="answer">
          <div dir="auto" dangerouslySetInnerHTML={{ __html: answer.bodyHtml }} />
          <p class="meta" dir="auto">
            {answer.author && t('by', { name: answer.author.displayName })}
          </p>
          {answer.accepted ? (
            <span class="badge">{t('accepted')}</span>
          ) : (
            <button type="button" onClick={() => accept(answer.id)}>
              {t('accept')}
            </button>
          )}
        </article>
      ))}
    </section>
  );
}

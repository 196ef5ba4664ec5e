import { useEffect, useState } from 'preact/hooks';
import { gql, live } from '../api';
import type { Translate } from '../i18n';

interface Offered {
  id: string;
  title: string;
  bodyHtml: string;
  urgency: string;
  status: string;
  tags: string[];
  asker: { displayName: string } | null;
  fresh?: boolean;
}

const FIELDS = `id title bodyHtml urgency status tags asker { displayName }`;

/** A short tone through Web Audio: no file to fetch, and nothing plays unless the expert asks. */
function beep(): void {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  tone.frequency.value = 880;
  tone.connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.2);
}

/** Questions offered to the expert, arriving live; claim or decline, answer with a preview. */
export function InboxView(props: { t: Translate }) {
  const { t } = props;
  const [offers, setOffers] = useState<Offered[]>([]);
  const [sound, setSound] = useState(false);
  const [answering, setAnswering] = useState<Offered | null>(null);
  useEffect(() => {
    void gql(
      `{ questions(filter: {routedToMe: true}, first: 50) { edges { node { ${FIELDS} } } } }`,
    ).then((data) => setOffers(data.questions.edges.map((edge: { node: Offered }) => edge.node)));
  }, []);
  useEffect(
    () =>
      live(`subscription { questionOffered { ${FIELDS} } }`, {}, (data) => {
        const offered: Offered = { ...data.questionOffered, fresh: true };
        setOffers((list) => [offered, ...list.filter((q) => q.id !== offered.id)]);
        if (sound) beep();
      }),
    [sound],
  );
  const claim = async (question: Offered) => {
    const data = await gql(
      `mutation ($id: ID!) { claimQuestion(input: {questionId: $id}) { question { ${FIELDS} } userErrors { message } } }`,
      { id: question.id },
    );
    if (data.claimQuestion.question) setAnswering(data.claimQuestion.question);
  };
  const decline = async (question: Offered) => {
    await gql(
      `mutation ($id: ID!) { declineQuestion(input: {questionId: $id}) { userErrors { message } } }`,
      { id: question.id },
    );
    setOffers((list) => list.filter((q) => q.id !== question.id));
  };
  if (answering)
    return (
      <AnswerEditor
        t={t}
        question={answering}
        onDone={() => {
          setOffers((list) => list.filter((q) => q.id !== answering.id));
          setAnswering(null);
        }}
      />
    );
  return (
    <section class="inbox" aria-label={t('inbox')}>
      <h1>{t('inbox')}</h1>
      <label class="switch">
        <input type="checkbox" role="switch" checked={sound} onChange={() => setSound(!sound)} />
        {t('soundAlert')}
      </label>
      {offers.length === 0 && <p>{t('inboxEmpty')}</p>}
      <ul class="offers" aria-live="polite">
        {offers.map((question) => (
          <li key={question.id} class={question.fresh ? 'fresh' : ''}>
            {question.fresh && <span class="badge">{t('newQuestion')}</span>}
            {question.urgency === 'LIVE_CALL' && <span class="badge warn">LIVE_CALL</span>}
            <h2 dir="auto">{question.title}</h2>
            <div dir="auto" dangerouslySetInnerHTML={{ __html: question.bodyHtml }} />
            <p class="meta" dir="auto">
              {question.asker?.displayName} · {question.tags.join(', ')}
            </p>
            <button type="button" class="primary" onClick={() => claim(question)}>
              {t('claim')}
            </button>
            <button type="button" onClick={() => decline(question)}>
              {t('decline')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerEditor(props: { t: Translate; question: Offered; onDone: () => void }) {
  const { t, question } = props;
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [note, setNote] = useState('');
  const showPreview = async () => {
    const data = await gql(`query ($m: String!) { previewMarkdown(markdown: $m) }`, { m: body });
    setPreview(data.previewMarkdown);
  };
  const send = async (event: Event) => {
    event.preventDefault();
    const data = await gql(
      `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { answer { id } userErrors { message } } }`,
      { input: { questionId: question.id, body } },
    );
    if (data.answerQuestion.answer) setSent(true);
    else setNote(data.answerQuestion.userErrors[0].message);
  };
  const promote = async () => {
    const data = await gql(
      `mutation ($id: ID!) { promoteAnswerToTip(input: {questionId: $id}) { tip { id } userErrors { message } } }`,
      { id: question.id },
    );
    setNote(
      data.promoteAnswerToTip.tip
        ? t('turnIntoTip')
        : data.promoteAnswerToTip.userErrors[0].message,
    );
  };
  return (
    <form class="answer-editor" onSubmit={send}>
      <h1 dir="auto">{question.title}</h1>
      <div dir="auto" dangerouslySetInnerHTML={{ __html: question.bodyHtml }} />
      <div role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={preview === null}
          onClick={() => setPreview(null)}
        >
          {t('write')}
        </button>
        <button type="button" role="tab" aria-selected={preview !== null} onClick={showPreview}>
          {t('preview')}
        </button>
      </div>
      {preview === null ? (
        <label>
          {t('answer')}
          <textarea
            rows={8}
            dir="auto"
            value={body}
            maxLength={20000}
            required
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </label>
      ) : (
        <div class="preview" dir="auto" dangerouslySetInnerHTML={{ __html: preview }} />
      )}
      {!sent ? (
        <button type="submit" class="primary" disabled={!body.trim()}>
          {t('sendAnswer')}
        </button>
      ) : (
        <>
          <button type="button" onClick={promote}>
            {t('turnIntoTip')}
          </button>
          <button type="button" onClick={props.onDone}>
            {t('back')}
          </button>
        </>
      )}
      <p role="status">{note}</p>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import type { Translate } from '../i18n';
import { QuestionWatch } from './ask';

interface Listed {
  id: string;
  title: string;
  status: string;
  answerCount: number;
  asker: { displayName: string } | null;
}

/**
 * Questions to follow up: the agent's own, or (for a lead) the team's answered ones, each
 * opening to its answers, which the asker or their lead accepts.
 */
export function QuestionList(props: {
  t: Translate;
  title: string;
  filter: Record<string, unknown>;
}) {
  const { t } = props;
  const [questions, setQuestions] = useState<Listed[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    void gql(
      `query ($filter: QuestionsFilter) { questions(filter: $filter, first: 20) { edges { node {
         id title status answerCount asker { displayName } } } } }`,
      { filter: props.filter },
    ).then((data) => setQuestions(data.questions.edges.map((e: { node: Listed }) => e.node)));
  }, []);
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      {questions.length === 0 && <p>{t('empty')}</p>}
      <ul class="questions">
        {questions.map((question) => (
          <li key={question.id}>
            <button
              type="button"
              aria-expanded={open === question.id}
              onClick={() => setOpen(open === question.id ? null : question.id)}
            >
              <span dir="auto">{question.title}</span> · {question.status.toLowerCase()} (
              {question.answerCount})
            </button>
            {question.asker && (
              <span class="meta" dir="auto">
                {' '}
                {question.asker.displayName}
              </span>
            )}
            {open === question.id && <QuestionWatch t={t} id={question.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api';
import type { Translate } from '../i18n';
import { TipView } from './tip';

interface Hit {
  node: { __typename: 'Tip' | 'Question'; id: string; title: string };
  titleHighlight: string;
  snippet: string;
}

const SEARCH = `query ($q: String!, $s: String) {
  search(query: $q, typingSession: $s, first: 10) {
    searchId totalCount
    edges { titleHighlight snippet node { __typename ... on Tip { id title } ... on Question { id title } } }
  } }`;

/**
 * Waits this long after a keystroke before asking: a burst of fast keys sends one request,
 * while the pause between an agent's keystrokes still shows results at once.
 */
const DEBOUNCE_MS = 30;

const newTypingSession = () => crypto.randomUUID();

/**
 * Search as you type, keyboard first: "/" focuses the box from anywhere, ↑ ↓ choose, Enter
 * opens, Esc goes back. A request still running when the next keystroke asks is cancelled,
 * and an answer to an older query is dropped.
 */
export function SearchView(props: {
  t: Translate;
  embedded?: boolean;
  onAsk: (query: string, searchId: string | null) => void;
}) {
  const { t } = props;
  const box = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [shownFor, setShownFor] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [searchId, setSearchId] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [open, setOpen] = useState<{ id: string; type: string } | null>(null);
  const [problem, setProblem] = useState('');
  const session = useRef(newTypingSession());
  const inFlight = useRef<AbortController | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable]');
      if (event.key === '/' && !typing) {
        event.preventDefault();
        setOpen(null);
        box.current?.focus();
        box.current?.select();
      }
    };
    document.addEventListener('keydown', focusSearch);
    box.current?.focus();
    return () => document.removeEventListener('keydown', focusSearch);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      inFlight.current?.abort();
      setHits([]);
      setShownFor('');
      setTotal(null);
      session.current = newTypingSession();
      return;
    }
    const timer = setTimeout(async () => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      const mine = ++asked.current;
      try {
        const data = await gql(SEARCH, { q: query, s: session.current }, controller.signal);
        if (mine !== asked.current) return; // a newer query has been asked
        setHits(data.search.edges);
        setShownFor(query);
        setTotal(data.search.totalCount);
        setSearchId(data.search.searchId);
        setSelected(0);
        setProblem('');
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setProblem((error as Error).message);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const openHit = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    setOpen({ id: hit.node.id, type: hit.node.__typename });
    if (searchId)
      void gql(
        `mutation ($input: RecordSearchClickInput!) { recordSearchClick(input: $input) { recorded } }`,
        { input: { searchId, nodeId: hit.node.id, position: index + 1 } },
      ).catch(() => {});
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openHit(selected);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  if (open)
    return (
      <TipView
        t={t}
        id={open.id}
        type={open.type}
        embedded={props.embedded}
        onBack={() => {
          setOpen(null);
          setTimeout(() => box.current?.focus());
        }}
      />
    );
  return (
    <section class="search" aria-label={t('search')}>
      <input
        ref={box}
        type="search"
        aria-label={t('searchTips')}
        placeholder={t('searchTips')}
        value={query}
        maxLength={200}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKey}
        aria-controls="results"
        autocomplete="off"
      />
      <p class="hint">{t('searchHint')}</p>
      {problem && <p role="alert">{t('error', { message: problem })}</p>}
      {total !== null && (
        <p aria-live="polite" class="count">
          {total === 0 ? t('noResults', { q: query.trim() }) : t('results', { n: total })}
        </p>
      )}
      <ol id="results" class="results" data-query={shownFor}>
        {hits.map((hit, index) => (
          <li key={hit.node.id} class={index === selected ? 'selected' : ''}>
            <a
              href={`#${hit.node.id}`}
              aria-current={index === selected ? 'true' : undefined}
              onClick={(e) => {
                e.preventDefault();
                openHit(index);
              }}
            >
              <span
                dir="auto"
                class="title"
                dangerouslySetInnerHTML={{ __html: hit.titleHighlight }}
              />
              <span dir="auto" class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
            </a>
          </li>
        ))}
      </ol>
      {total === 0 && (
        <button type="button" class="primary" onClick={() => props.onAsk(query.trim(), searchId)}>
          {t('askExpert')}
        </button>
      )}
    </section>
  );
}

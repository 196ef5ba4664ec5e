import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { embedOrigins, gql } from '../api';
import type { Translate } from '../i18n';

interface Shown {
  id: string;
  title: string;
  html: string;
  /** what the agent reads out or pastes to the customer */
  text: string;
  author: string | null;
  status: string | null;
  verifiedAt: string | null;
  used: boolean;
  helpful: boolean;
  bookmarked: boolean;
  isTip: boolean;
}

const TIP = `query ($id: ID!) { node(id: $id) {
  ... on Tip { id title body bodyHtml status verifiedAt viewerFoundHelpful viewerBookmarked author { displayName } }
  ... on Question { id title acceptedAnswer { body bodyHtml author { displayName } } } } }`;

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // without the clipboard permission (an iframe, an old browser): the selection way
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** A tip (or an answered question) opened from the results: c copies, u, h and b mark it. */
export function TipView(props: {
  t: Translate;
  id: string;
  type: string;
  embedded?: boolean;
  onBack: () => void;
}) {
  const { t } = props;
  const [shown, setShown] = useState<Shown | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    gql(TIP, { id: props.id }).then(
      ({ node }) => {
        const answer = node.acceptedAnswer;
        setShown({
          id: node.id,
          title: node.title,
          html: node.bodyHtml ?? answer?.bodyHtml ?? '',
          text: node.body ?? answer?.body ?? '',
          author: node.author?.displayName ?? answer?.author?.displayName ?? null,
          status: node.status ?? null,
          verifiedAt: node.verifiedAt ?? null,
          used: false,
          helpful: Boolean(node.viewerFoundHelpful),
          bookmarked: Boolean(node.viewerBookmarked),
          isTip: props.type === 'Tip',
        });
      },
      (error: Error) => setNote(t('error', { message: error.message })),
    );
  }, [props.id]);

  const act = async (what: 'copy' | 'used' | 'helpful' | 'bookmark' | 'send') => {
    if (!shown) return;
    if (what === 'copy') {
      await copy(shown.text);
      setNote(t('copied'));
    } else if (what === 'send') {
      const message = {
        type: 'floorwalker:tip',
        tip: { id: shown.id, title: shown.title, text: shown.text },
      };
      // posted only to the agent desktops the organization allows; the browser delivers it
      // only if the page framing us is one of them
      for (const origin of embedOrigins()) window.parent.postMessage(message, origin);
      setNote(t('sendToDesktop'));
    } else if (!shown.isTip) return;
    else if (what === 'used') {
      await gql(`mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`, {
        id: shown.id,
      });
      setShown({ ...shown, used: true });
      setNote(t('used'));
    } else if (what === 'helpful') {
      await gql(
        `mutation ($id: ID!, $v: Boolean!) { setTipHelpful(input: {id: $id, helpful: $v}) { tip { id } } }`,
        { id: shown.id, v: !shown.helpful },
      );
      setShown({ ...shown, helpful: !shown.helpful });
    } else {
      await gql(
        `mutation ($id: ID!, $v: Boolean!) { setTipBookmark(input: {id: $id, bookmarked: $v}) { tip { id } } }`,
        { id: shown.id, v: !shown.bookmarked },
      );
      setShown({ ...shown, bookmarked: !shown.bookmarked });
    }
  };

  // attached with the tip itself, so that a key pressed as soon as it shows is not lost
  useLayoutEffect(() => {
    const keys: Record<string, Parameters<typeof act>[0]> = {
      c: 'copy',
      u: 'used',
      h: 'helpful',
      b: 'bookmark',
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select')) return;
      if (event.key === 'Escape') props.onBack();
      else if (keys[event.key] && !event.ctrlKey && !event.metaKey) void act(keys[event.key]);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (!shown) return <p aria-busy="true">{note}</p>;
  return (
    <article class="tip" aria-labelledby="tip-title">
      <button type="button" onClick={props.onBack}>
        ← {t('back')}
      </button>
      <h1 id="tip-title" dir="auto">
        {shown.title}
      </h1>
      <p class="meta">
        {shown.author && <span dir="auto">{t('by', { name: shown.author })}</span>}
        {shown.verifiedAt && <span class="badge">{t('verified')}</span>}
        {shown.status === 'NEEDS_REVIEW' && <span class="badge warn">{t('needsReview')}</span>}
      </p>
      <div class="body" dir="auto" dangerouslySetInnerHTML={{ __html: shown.html }} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => act('copy')}>
          {t('copyAnswer')}
        </button>
        {props.embedded && (
          <button type="button" onClick={() => act('send')}>
            {t('sendToDesktop')}
          </button>
        )}
        {shown.isTip && (
          <>
            <button type="button" aria-pressed={shown.used} onClick={() => act('used')}>
              {t('markUsed')}
            </button>
            <button type="button" aria-pressed={shown.helpful} onClick={() => act('helpful')}>
              {t('helpful')}
            </button>
            <button type="button" aria-pressed={shown.bookmarked} onClick={() => act('bookmark')}>
              {t('bookmark')}
            </button>
          </>
        )}
      </div>
      <p role="status" class="note">
        {note}
      </p>
    </article>
  );
}

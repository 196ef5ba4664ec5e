import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import type { Translate } from '../i18n';
import { QuestionList } from './questions';

const PROFILE = `{
  me { displayName points badges { key name tier tag } earnedExpertise { tag level } expertise }
  notifications(first: 20) { edges { node { id message read createdAt } } }
}`;

/** Everyone's own page: points, badges, expertise, and notifications (read when seen). */
export function ProfileView(props: { t: Translate; onRead: () => void }) {
  const { t } = props;
  const [data, setData] = useState<Record<string, any> | null>(null);
  useEffect(() => {
    void gql(PROFILE).then(async (found) => {
      setData(found);
      await gql(`mutation { markNotificationsRead(input: {}) { userErrors { message } } }`);
      props.onRead();
    });
  }, []);
  if (!data) return <p aria-busy="true" />;
  const { me } = data;
  return (
    <div class="profile">
      <h1 dir="auto">{me.displayName}</h1>
      <p>
        {t('points')}: <strong>{me.points ?? 0}</strong>
      </p>
      <h2>{t('badges')}</h2>
      {me.badges.length === 0 && <p>{t('empty')}</p>}
      <ul class="badges">
        {me.badges.map((badge: { key: string; name: string; tier: string; tag: string | null }) => (
          <li
            key={`${badge.key}${badge.tier}${badge.tag}`}
            class={`tier-${badge.tier.toLowerCase()}`}
          >
            {badge.name} · {badge.tier.toLowerCase()}
            {badge.tag && ` · ${badge.tag}`}
          </li>
        ))}
      </ul>
      <h2>{t('expertise')}</h2>
      <p>
        {[
          ...me.expertise,
          ...me.earnedExpertise.map((e: { tag: string; level: number }) => `${e.tag} (${e.level})`),
        ].join(', ') || t('empty')}
      </p>
      <QuestionList t={t} title={t('myQuestions')} filter={{ mine: true }} />
      <h2>{t('notifications')}</h2>
      {data.notifications.edges.length === 0 && <p>{t('noNotifications')}</p>}
      <ul class="notifications">
        {data.notifications.edges.map(
          ({ node }: { node: { id: string; message: string; read: boolean } }) => (
            <li key={node.id} class={node.read ? '' : 'unread'} dir="auto">
              {node.message}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

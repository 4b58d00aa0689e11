import { useEffect, useRef, useState } from 'react';
import type { TeamView } from '../../../../protocol/messages.ts';
import { messages } from '../../text/messages.ts';

interface News {
  text: string;
  /** The id of the element the toast takes the player to. */
  target: string;
}

/** Whether an element is on screen below the sticky header (display only). */
function onScreen(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
  return r.bottom > header && r.top < window.innerHeight;
}

/**
 * A new message from the facilitator or a new inject, announced where the player is (a toast
 * at the bottom of the screen) when it arrived out of sight; pressing it goes there. Derived
 * from the store's state: the message ids and the inject id seen so far.
 */
export function NewsToast({ team }: { team: TeamView }) {
  const { adHoc, inject } = team.progress;
  const seen = useRef({ messages: new Set(adHoc.map((m) => m.id)), inject: inject?.id ?? null });
  const [news, setNews] = useState<News | null>(null);

  useEffect(() => {
    const fresh = adHoc.filter((m) => !seen.current.messages.has(m.id));
    for (const m of fresh) seen.current.messages.add(m.id);
    const newInject = inject && inject.id !== seen.current.inject ? inject : null;
    seen.current.inject = inject?.id ?? null;
    const latest = fresh.at(-1);
    const next = latest
      ? { text: messages.phone.news.message(latest.title), target: `msg-${latest.id}` }
      : newInject
        ? { text: messages.phone.news.inject(newInject.title), target: 'inject-title' }
        : null;
    if (next && !onScreen(next.target)) setNews(next);
  }, [adHoc, inject]);

  useEffect(() => {
    if (!news) return;
    const check = () => {
      if (onScreen(news.target)) setNews(null);
    };
    window.addEventListener('scroll', check, { passive: true });
    return () => window.removeEventListener('scroll', check);
  }, [news]);

  return (
    <div className="news" role="status" aria-live="polite">
      {news ? (
        <div className="news-toast">
          <button
            type="button"
            className="news-go"
            onClick={() => {
              const el = document.getElementById(news.target);
              el?.scrollIntoView({ block: 'start' });
              el?.focus({ preventScroll: true });
              setNews(null);
            }}
          >
            {news.text} <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            className="news-close"
            aria-label={messages.phone.news.dismiss}
            onClick={() => setNews(null)}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

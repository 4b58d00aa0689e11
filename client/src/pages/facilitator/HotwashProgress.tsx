import type { Snapshot } from '../../../../protocol/messages.ts';
import { messages } from '../../text/messages.ts';

/** The debrief's live view of the hot wash: per team, who has answered and who has not yet. */
export function HotwashProgress({ snapshot }: { snapshot: Snapshot }) {
  const answered = new Set((snapshot.hotwash ?? []).map((h) => h.playerId));
  return (
    <section className="card hotwash-progress" aria-labelledby="hwp-h">
      <h2 id="hwp-h">{messages.hotwash.progressTitle}</h2>
      <div className="hwp-teams">
        {snapshot.teams.map((t) => {
          const members = snapshot.players.filter((p) => p.teamId === t.id);
          const done = members.filter((p) => answered.has(p.id)).length;
          return (
            <div key={t.id} className="hwp-team">
              <h3>
                {t.name}{' '}
                <span className={`badge ${done === members.length && done > 0 ? 'badge-good' : 'badge-neutral'}`}>
                  {messages.hotwash.progress(done, members.length)}
                </span>
              </h3>
              <ul className="plain-list hwp-list">
                {members.map((p) => (
                  <li key={p.id} className={answered.has(p.id) ? 'hwp-done' : 'hwp-wait'}>
                    <span aria-hidden="true">{answered.has(p.id) ? '✓' : '…'}</span> {p.name}
                    <span className="sr-only">
                      {answered.has(p.id) ? messages.hotwash.answeredMark : messages.hotwash.notYet}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </section>
  );
}

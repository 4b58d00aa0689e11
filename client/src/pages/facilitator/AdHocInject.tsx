import { useState } from 'react';
import type { Snapshot } from '../../../../protocol/messages.ts';
import { send } from '../../socket.ts';
import { useStore } from '../../store.ts';
import { messages } from '../../text/messages.ts';

/** The facilitator's message to one team or all: it appears on their screens as an inject. */
export function AdHocInject({ snapshot, onSent }: { snapshot: Snapshot; onSent?: () => void }) {
  const [teamId, setTeamId] = useState('all');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="stack"
      aria-label={messages.board.adHocInject}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ack = await send({ type: 'inject', teamId, title: title.trim(), body: body.trim() });
        setBusy(false);
        if (ack.ok) {
          setTitle('');
          setBody('');
          useStore.getState().notify('info', messages.board.injectSent);
          onSent?.();
        }
      }}
    >
      <p className="small muted">{messages.board.adHocHelp}</p>
      <div className="field">
        <label htmlFor="adhoc-team">{messages.board.to}</label>
        <select id="adhoc-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="all">{messages.board.allTeams}</option>
          {snapshot.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="adhoc-title">{messages.board.title}</label>
        <input id="adhoc-title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="adhoc-body">{messages.board.messageMarkdown}</label>
        <textarea
          id="adhoc-body"
          rows={4}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          required
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || !title.trim() || !body.trim()}>
        {messages.board.sendInject}
      </button>
    </form>
  );
}

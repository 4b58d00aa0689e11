import { useState } from 'react';
import { ApiError, loadSeat, seatLink, seatToken } from '../../api.ts';
import { messages } from '../../text/messages.ts';

/**
 * Facilitator: a link that puts a player back in this seat on another device (H12), for a player
 * who lost their device or joined again under the same name. Remove the extra seat afterwards.
 */
export function SeatHandOver({ exerciseId, playerId, name }: { exerciseId: string; playerId: string; name: string }) {
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function make() {
    const key = loadSeat(exerciseId)?.token;
    if (!key) return setError(messages.lobby.staffDocuments);
    try {
      const joined = await seatToken(exerciseId, playerId, key);
      setLink(seatLink(`${window.location.origin}${window.location.pathname}`, exerciseId, joined.token));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : messages.lobby.seatLinkFailed);
    }
  }
  return (
    <span className="seat-hand-over">
      <button type="button" className="btn btn-small" onClick={() => void make()}>
        {messages.lobby.seatLink}
        <span className="sr-only"> {messages.lobby.seatOf(name)}</span>
      </button>
      {link ? (
        <span className="small">
          {messages.lobby.giveLink(name)}{' '}
          <input
            type="text"
            readOnly
            value={link}
            aria-label={messages.lobby.seatLinkFor(name)}
            onFocus={(e) => e.currentTarget.select()}
          />
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="bad-text small">
          {error}
        </span>
      ) : null}
    </span>
  );
}

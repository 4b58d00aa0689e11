import { useState } from 'react';
import { ApiError, loadSeat, seatLink, seatToken } from '../../api.ts';

/**
 * Facilitator: a link that puts a player back in this seat on another device (H12), for a player
 * who lost their device or joined again under the same name. Remove the extra seat afterwards.
 */
export function SeatHandOver({ exerciseId, playerId, name }: { exerciseId: string; playerId: string; name: string }) {
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function make() {
    const key = loadSeat(exerciseId)?.token;
    if (!key) return setError('This browser does not hold the facilitator key of this exercise.');
    try {
      const joined = await seatToken(exerciseId, playerId, key);
      setLink(seatLink(`${window.location.origin}${window.location.pathname}`, exerciseId, joined.token));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The link could not be made; try again.');
    }
  }
  return (
    <span className="seat-hand-over">
      <button type="button" className="btn btn-small" onClick={() => void make()}>
        Link to this seat<span className="sr-only"> of {name}</span>
      </button>
      {link ? (
        <span className="small">
          Give {name} this link; it opens this seat on their device:{' '}
          <input type="text" readOnly value={link} aria-label={`Link to the seat of ${name}`} onFocus={(e) => e.currentTarget.select()} />
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

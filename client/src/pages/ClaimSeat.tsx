import { useEffect } from 'react';
import { saveSeat } from '../api.ts';
import { messages } from '../text/messages.ts';

/**
 * Opened from a seat link (#/seat/EXERCISE/TOKEN, H12): keeps the token on this device like a
 * join would, then opens the exercise with the token gone from the address bar and history.
 */
export function ClaimSeat({ exerciseId, token }: { exerciseId: string; token: string }) {
  useEffect(() => {
    saveSeat(exerciseId, { token, seat: 'player', savedAt: Date.now() });
    window.location.replace(`#/x/${encodeURIComponent(exerciseId)}`);
  }, [exerciseId, token]);
  return <p className="muted">{messages.join.openingYourSeat}</p>;
}

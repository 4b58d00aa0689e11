import { loadSeat, seatLink } from '../api.ts';

/** The player's own way back to their seat from another device (H12): a link carrying this device's token. */
export function SeatLink({ exerciseId, name }: { exerciseId: string; name: string }) {
  const seat = loadSeat(exerciseId);
  if (!seat) return null;
  const link = seatLink(`${window.location.origin}${window.location.pathname}`, exerciseId, seat.token);
  return (
    <details className="seat-link small">
      <summary>Continue on another device</summary>
      <p>
        Open this link on your other phone or laptop to carry on as {name}, in the same team and role, with your votes. Keep it to yourself: whoever
        opens it plays as you.
      </p>
      <input type="text" readOnly value={link} aria-label="Link to your seat" onFocus={(e) => e.currentTarget.select()} />
    </details>
  );
}

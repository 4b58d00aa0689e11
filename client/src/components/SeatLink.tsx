import { loadSeat, seatLink } from '../api.ts';
import { messages } from '../text/messages.ts';

/** The player's own way back to their seat from another device (H12): a link carrying this device's token. */
export function SeatLink({ exerciseId, name }: { exerciseId: string; name: string }) {
  const seat = loadSeat(exerciseId);
  if (!seat) return null;
  const link = seatLink(`${window.location.origin}${window.location.pathname}`, exerciseId, seat.token);
  return (
    <details className="seat-link small">
      <summary>{messages.phone.continueOnAnotherDevice}</summary>
      <p>{messages.phone.seatLinkHelp(name)}</p>
      <input
        type="text"
        readOnly
        value={link}
        aria-label={messages.phone.linkToYourSeat}
        onFocus={(e) => e.currentTarget.select()}
      />
    </details>
  );
}

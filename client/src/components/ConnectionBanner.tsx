import { useStore } from '../store.ts';

/**
 * "reconnecting…" while the socket is down, with how many actions wait to be sent once it is
 * back; a plain message when the server closed it for good.
 */
export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  const reason = useStore((s) => s.closedReason);
  const waiting = useStore((s) => s.waiting);
  if (connection === 'online' || connection === 'idle') return null;
  if (connection === 'closed') {
    return (
      <div className="banner banner-closed" role="alert">
        {reason ?? 'Disconnected.'} <a href="#/">Back to the start page</a>
      </div>
    );
  }
  return (
    <div className="banner banner-reconnecting" role="status" aria-live="assertive">
      <span className="spinner" aria-hidden="true" /> {connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
      {waiting > 0 ? ` ${waiting === 1 ? 'Your last action is' : `Your last ${waiting} actions are`} kept and will be sent when the connection is back.` : null}
    </div>
  );
}

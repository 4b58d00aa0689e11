import { useStore } from '../store.ts';

/** "reconnecting…" while the socket is down; a plain message when the server closed it for good. */
export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  const reason = useStore((s) => s.closedReason);
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
    </div>
  );
}

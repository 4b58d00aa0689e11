import { useStore } from '../store.ts';
import { messages } from '../text/messages.ts';

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
        {reason ?? messages.common.disconnected} <a href="#/">{messages.common.backToTheStart}</a>
      </div>
    );
  }
  return (
    <div className="banner banner-reconnecting" role="status" aria-live="assertive">
      <span className="spinner" aria-hidden="true" />{' '}
      {connection === 'connecting' ? messages.common.connecting : messages.common.reconnecting}
      {waiting > 0 ? ` ${messages.common.waiting(waiting)}` : null}
    </div>
  );
}

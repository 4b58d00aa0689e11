import { useStore } from '../store.ts';
import { messages } from '../text/messages.ts';

/** Refusals and info messages; announced politely to screen readers. */
export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`}>
          <span>{n.text}</span>
          <button
            type="button"
            className="btn-plain"
            aria-label={messages.common.dismissMessage}
            onClick={() => dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

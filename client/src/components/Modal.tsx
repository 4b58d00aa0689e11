import { useEffect, useRef, type ReactNode } from 'react';
import { messages } from '../text/messages.ts';

/**
 * A native modal dialog (focus is kept inside, Escape closes, focus returns to the opener).
 * `side` makes it a full-height drawer on the right, for the board's team details.
 */
export function Modal({
  open,
  onClose,
  title,
  children,
  side,
  id,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  side?: boolean;
  id?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);
  useEffect(() => {
    if (open) return;
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  }, [open]);
  const headingId = `${id ?? 'modal'}-h`;
  return (
    <dialog
      ref={ref}
      id={id}
      className={`modal ${side ? 'modal-side' : ''}`}
      aria-labelledby={headingId}
      // React passes a nested dialog's close event up to this one too: only our own close counts,
      // so Escape in a dialog opened from this one closes that dialog alone
      onClose={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? (
        <>
          <div className="modal-head">
            <h2 id={headingId}>{title}</h2>
            <button type="button" className="btn btn-small" onClick={onClose}>
              {messages.common.close}
              <span className="sr-only">{messages.common.thisPanel}</span>
            </button>
          </div>
          <div className="modal-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}

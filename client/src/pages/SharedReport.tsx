/**
 * #/shared/TOKEN (lazily loaded): one report opened with a read-only share link, for a person
 * who holds no key. The token stays in the address fragment, which browsers never send; it goes
 * to the server only as `Authorization: Bearer`.
 */
import { useEffect, useState } from 'react';
import './reports.css';
import { ApiError } from '../api.ts';
import { sharedReport } from '../sharesApi.ts';
import type { SharedReport as Shared } from '../../../protocol/shares.ts';
import { ReportsView } from './ReportsView.tsx';
import { messages } from '../text/messages.ts';

export default function SharedReport({ token }: { token: string }) {
  const [shared, setShared] = useState<Shared | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sharedReport(token).then(setShared, (e: ApiError) => setError(e.message));
  }, [token]);
  const closed = (message: string) => (
    <div className="card">
      <h1>{messages.shares.sharedReport}</h1>
      <p role="alert" className="bad-text">
        {message.charAt(0).toUpperCase() + message.slice(1).replace(/\.$/, '')}.
      </p>
    </div>
  );
  return (
    <div className="page reports-page">
      <nav className="crumbs" aria-label={messages.shares.breadcrumbs}>
        <span className="muted">{messages.shares.sharedReportReadOnly}</span>
      </nav>
      {error ? (
        closed(error)
      ) : !shared ? (
        <p className="muted" role="status">
          {messages.shares.openingTheSharedReport}
        </p>
      ) : (
        <ReportsView exerciseId={shared.exerciseId} reportKey={token} onBadKey={closed} shared />
      )}
    </div>
  );
}

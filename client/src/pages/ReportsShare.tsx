/**
 * Read-only share links: make one for a report (shown once, as an address and a QR code), and
 * list and revoke links, of one report or (for managers) of every report.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api.ts';
import { QrCode } from '../components/QrCode.tsx';
import { createShare, listShares, revokeShare, shareUrl, type ShareView } from '../sharesApi.ts';
import { plural } from '../text/plural.ts';

const LIFETIMES = [1, 7, 30, 90];
const STATUS_WORDS: Record<ShareView['status'], string> = { active: 'open', revoked: 'revoked', expired: 'expired' };

/** "2026-03-14 09:05", local time. */
function when(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One report's sharing: a form for a new link, the link just made, and the report's links. */
export function ShareReport({ exerciseId, reportKey }: { exerciseId: string; reportKey: string }) {
  const id = useId();
  const [days, setDays] = useState(7);
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<{ url: string; share: ShareView } | null>(null);
  const [state, setState] = useState({ busy: false, message: '' });
  const [version, setVersion] = useState(0);
  const [copied, setCopied] = useState('');

  async function make(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true, message: '' });
    try {
      const created = await createShare(exerciseId, reportKey, { days, ...(label.trim() ? { label: label.trim() } : {}) });
      setMade({ url: shareUrl(created.token), share: created.share });
      setCopied('');
      setLabel('');
      setVersion((v) => v + 1);
      setState({ busy: false, message: '' });
    } catch (error) {
      setState({ busy: false, message: `The link could not be made: ${(error as Error).message}` });
    }
  }

  return (
    <section className="card report-share" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Share read-only</h2>
      <p className="small muted">A link opens this report, and nothing else, for anyone who has it, without a key, until it expires or is revoked. They can read it and download its exports; they cannot edit the plan.</p>
      <form className="row share-form" onSubmit={make}>
        <div className="field">
          <label htmlFor={`${id}-days`}>Open for</label>
          <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {LIFETIMES.map((d) => (
              <option key={d} value={d}>
                {plural(d, 'day')}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-label`}>Label (optional)</label>
          <input id={`${id}-label`} value={label} maxLength={60} placeholder="for the board" onChange={(e) => setLabel(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-small btn-primary" disabled={state.busy}>
          {state.busy ? 'Making…' : 'Make a link'}
        </button>
      </form>
      {state.message ? (
        <p role="alert" className="bad-text">
          {state.message}
        </p>
      ) : null}
      {made ? (
        <div className="share-made">
          <div className="stack">
            <label htmlFor={`${id}-url`}>The link, shown this once: copy it now</label>
            <input id={`${id}-url`} className="share-url" readOnly value={made.url} onFocus={(e) => e.target.select()} />
            <div className="row">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const blocked = () => setCopied('Copying is blocked here: select the link and copy it.');
                  if (!navigator.clipboard) blocked();
                  else void navigator.clipboard.writeText(made.url).then(() => setCopied('Copied.'), blocked);
                }}
              >
                Copy the link
              </button>
              <span role="status" className="small muted">
                {copied}
              </span>
            </div>
            <p className="small muted">Opens the report until {when(made.share.expiresAt)}.</p>
          </div>
          <QrCode text={made.url} label="QR code of the share link" size={200} />
        </div>
      ) : null}
      <ShareLinks reportKey={reportKey} exerciseId={exerciseId} version={version} />
    </section>
  );
}

/** The links of one report, or with the manager key and no exercise, every link; each open one can be revoked. */
export function ShareLinks({ reportKey, exerciseId, version = 0 }: { reportKey: string; exerciseId?: string; version?: number }) {
  const [links, setLinks] = useState<ShareView[] | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    listShares(reportKey, exerciseId).then(setLinks, (e: ApiError) => setError(e.message));
  }, [reportKey, exerciseId, version, reload]);

  if (error) return <p className="bad-text">The links could not be listed: {error}</p>;
  if (!links) return <p className="small muted">Loading the links…</p>;
  if (links.length === 0) return <p className="small muted">{exerciseId ? 'No link to this report yet.' : 'No report has been shared yet.'}</p>;
  return (
    <div className="table-scroll share-links-scroll" role="region" aria-label="Share links" tabIndex={0}>
      <table className="data share-links">
        <caption>{plural(links.filter((l) => l.status === 'active').length, 'open link')}</caption>
        <thead>
          <tr>
            {exerciseId ? null : <th scope="col">Report</th>}
            <th scope="col">Label</th>
            <th scope="col">Made by</th>
            <th scope="col">Made</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Revoke</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.id}>
              {exerciseId ? null : (
                <td>
                  <a href={`#/reports/${encodeURIComponent(l.exerciseId)}`}>{l.report ? `${l.report.scenarioTitle} (${l.report.date}, code ${l.report.code})` : 'A report no longer listed'}</a>
                </td>
              )}
              <td>{l.label ?? '–'}</td>
              <td>{l.createdBy === 'manager' ? 'Manager' : 'Facilitator'}</td>
              <td className="nowrap">{when(l.createdAt)}</td>
              <td className="nowrap">{when(l.expiresAt)}</td>
              <td>{l.status === 'revoked' && l.revokedAt ? `revoked ${when(l.revokedAt)}` : STATUS_WORDS[l.status]}</td>
              <td>
                {l.status === 'active' ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Revoke the link${l.label ? ` “${l.label}”` : ''} made ${when(l.createdAt)}`}
                    onClick={() => {
                      revokeShare(l.id, reportKey).then(
                        () => setReload((r) => r + 1),
                        (e: Error) => setError(e.message),
                      );
                    }}
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Read-only share links: make one for a report (shown once, as an address and a QR code), and
 * list and revoke links, of one report or (for managers) of every report.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api.ts';
import { QrCode } from '../components/QrCode.tsx';
import { createShare, listShares, revokeShare, shareUrl, type ShareView } from '../sharesApi.ts';
import { messages } from '../text/messages.ts';

const LIFETIMES = [1, 7, 30, 90];
const STATUS_WORDS: Record<ShareView['status'], string> = messages.shares.linkStatus;

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
      const created = await createShare(exerciseId, reportKey, {
        days,
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      setMade({ url: shareUrl(created.token), share: created.share });
      setCopied('');
      setLabel('');
      setVersion((v) => v + 1);
      setState({ busy: false, message: '' });
    } catch (error) {
      setState({ busy: false, message: messages.shares.makeFailed((error as Error).message) });
    }
  }

  return (
    <section className="card report-share" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{messages.shares.shareReadOnly}</h2>
      <p className="small muted">{messages.shares.shareHelp}</p>
      <form className="row share-form" onSubmit={make}>
        <div className="field">
          <label htmlFor={`${id}-days`}>{messages.shares.openFor}</label>
          <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {LIFETIMES.map((d) => (
              <option key={d} value={d}>
                {messages.shares.days(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-label`}>{messages.shares.labelOptional}</label>
          <input
            id={`${id}-label`}
            value={label}
            maxLength={60}
            placeholder={messages.shares.forTheBoard}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-small btn-primary" disabled={state.busy}>
          {state.busy ? messages.shares.making : messages.shares.makeALink}
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
            <label htmlFor={`${id}-url`}>{messages.shares.linkShownOnce}</label>
            <input
              id={`${id}-url`}
              className="share-url"
              readOnly
              value={made.url}
              onFocus={(e) => e.target.select()}
            />
            <div className="row">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const blocked = () => setCopied(messages.shares.copyBlocked);
                  if (!navigator.clipboard) blocked();
                  else
                    void navigator.clipboard.writeText(made.url).then(() => setCopied(messages.shares.copied), blocked);
                }}
              >
                {messages.shares.copyTheLink}
              </button>
              <span role="status" className="small muted">
                {copied}
              </span>
            </div>
            <p className="small muted">{messages.shares.opensUntil(when(made.share.expiresAt))}</p>
          </div>
          <QrCode text={made.url} label={messages.shares.qrCode} size={200} />
        </div>
      ) : null}
      <ShareLinks reportKey={reportKey} exerciseId={exerciseId} version={version} />
    </section>
  );
}

/** The links of one report, or with the manager key and no exercise, every link; each open one can be revoked. */
export function ShareLinks({
  reportKey,
  exerciseId,
  version = 0,
}: {
  reportKey: string;
  exerciseId?: string;
  version?: number;
}) {
  const [links, setLinks] = useState<ShareView[] | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    listShares(reportKey, exerciseId).then(setLinks, (e: ApiError) => setError(e.message));
  }, [reportKey, exerciseId, version, reload]);

  if (error) return <p className="bad-text">{messages.shares.listFailed(error)}</p>;
  if (!links) return <p className="small muted">{messages.shares.loadingTheLinks}</p>;
  if (links.length === 0)
    return <p className="small muted">{exerciseId ? messages.shares.noLinkYet : messages.shares.nothingSharedYet}</p>;
  return (
    <div className="table-scroll share-links-scroll" role="region" aria-label={messages.shares.shareLinks} tabIndex={0}>
      <table className="data share-links">
        <caption>{messages.shares.openLinks(links.filter((l) => l.status === 'active').length)}</caption>
        <thead>
          <tr>
            {exerciseId ? null : <th scope="col">{messages.shares.report}</th>}
            <th scope="col">{messages.shares.label}</th>
            <th scope="col">{messages.shares.madeBy}</th>
            <th scope="col">{messages.shares.made}</th>
            <th scope="col">{messages.shares.expires}</th>
            <th scope="col">{messages.shares.status}</th>
            <th scope="col">
              <span className="sr-only">{messages.shares.revoke}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.id}>
              {exerciseId ? null : (
                <td>
                  <a href={`#/reports/${encodeURIComponent(l.exerciseId)}`}>
                    {l.report
                      ? messages.shares.reportName(l.report.scenarioTitle, l.report.date, l.report.code)
                      : messages.shares.reportGone}
                  </a>
                </td>
              )}
              <td>{l.label ?? '–'}</td>
              <td>{l.createdBy === 'manager' ? messages.shares.manager : messages.shares.facilitator}</td>
              <td className="nowrap">{when(l.createdAt)}</td>
              <td className="nowrap">{when(l.expiresAt)}</td>
              <td>
                {l.status === 'revoked' && l.revokedAt
                  ? messages.shares.revokedAt(when(l.revokedAt))
                  : STATUS_WORDS[l.status]}
              </td>
              <td>
                {l.status === 'active' ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={messages.shares.revokeLabel(l.label, when(l.createdAt))}
                    onClick={() => {
                      revokeShare(l.id, reportKey).then(
                        () => setReload((r) => r + 1),
                        (e: Error) => setError(e.message),
                      );
                    }}
                  >
                    {messages.shares.revoke}
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

import { useState } from 'react';
import type { EstateView } from '../../../protocol/messages.ts';
import { money, simTime } from '../text/units.ts';
import { Agents, Credentials, Datasets, KindBriefRows, RetrievalStores, trustBadge } from './EstateKinds.tsx';
import { messages } from '../text/messages.ts';

const SPLIT_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c'];

/** The simulated AI estate: registry, serving split, pipelines, evidence locker, business impact. */
export function Estate({ estate }: { estate: EstateView }) {
  return (
    <section className="estate" aria-labelledby="estate-h">
      <h3 id="estate-h">{messages.play.aiEstate}</h3>
      <Impact metrics={estate.metrics} />
      <Registry estate={estate} />
      {estate.endpoints.map((e) => (
        <TrafficSplit key={e.id} endpoint={e} estate={estate} />
      ))}
      {estate.agents?.length ? <Agents agents={estate.agents} /> : null}
      {estate.retrieval?.length ? <RetrievalStores stores={estate.retrieval} /> : null}
      <Pipelines pipelines={estate.pipelines} />
      {estate.datasets?.length ? <Datasets datasets={estate.datasets} /> : null}
      {estate.credentials?.length ? <Credentials credentials={estate.credentials} /> : null}
      <Evidence evidence={estate.evidence} />
    </section>
  );
}

function Registry({ estate }: { estate: EstateView }) {
  const serving = new Set(
    estate.endpoints.flatMap((e) =>
      Object.entries(e.traffic)
        .filter(([, w]) => w > 0)
        .map(([m]) => m),
    ),
  );
  return (
    <div className="estate-block">
      <h4>{messages.play.modelRegistry}</h4>
      <ul className="registry">
        {estate.models.map((m) => (
          <li key={m.id} className={`model ${m.status === 'deleted' ? 'model-deleted' : ''}`}>
            <span className="model-name">
              {m.name ?? m.id} <span className="muted">v{m.version}</span>
            </span>
            <span className="badges">
              <span className={`badge ${trustBadge(m).cls}`}>{trustBadge(m).text}</span>
              {m.alias ? <span className="badge badge-neutral">{messages.play.alias(m.alias)}</span> : null}
              {serving.has(m.id) ? <span className="badge badge-live">{messages.play.serving}</span> : null}
              {m.status && m.status !== 'active' && m.status !== 'ready' ? (
                <span className="badge badge-warn">{messages.play.state(m.status)}</span>
              ) : null}
            </span>
            <span className="hash" title={m.sha256 ? messages.play.sha256(m.sha256) : undefined}>
              {m.sha256
                ? messages.play.sha256(`${m.sha256.slice(0, 12)}${m.sha256.length > 12 ? '…' : ''}`)
                : messages.play.apiModel(m.provider)}
              {m.source ? ` · ${messages.play.from(m.source)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TrafficSplit({ endpoint, estate }: { endpoint: EstateView['endpoints'][number]; estate: EstateView }) {
  const entries = Object.entries(endpoint.traffic).filter(([, w]) => w > 0);
  const total = entries.reduce((a, [, w]) => a + w, 0) || 1;
  const name = (id: string) => {
    const m = estate.models.find((x) => x.id === id);
    return m ? `${m.name ?? m.id} v${m.version}` : id;
  };
  const text = entries.length
    ? entries.map(([m, w]) => `${name(m)} ${Math.round((w / total) * 100)}%`).join(', ')
    : messages.play.noTraffic;
  return (
    <div className="estate-block">
      <h4>{messages.play.traffic(endpoint.label ?? endpoint.id)}</h4>
      <div className="split" role="img" aria-label={messages.play.trafficSplit(endpoint.label ?? endpoint.id, text)}>
        {entries.length === 0 ? <span className="split-empty">{messages.play.noTraffic}</span> : null}
        {entries.map(([m, w], i) => (
          <span
            key={m}
            className="split-part"
            style={{ width: `${(w / total) * 100}%`, background: SPLIT_COLORS[i % SPLIT_COLORS.length] }}
          >
            {w / total >= 0.18 ? `${name(m)} ${Math.round((w / total) * 100)}%` : ''}
          </span>
        ))}
      </div>
      {entries.some(([, w]) => w / total < 0.18) ? <p className="small muted">{text}</p> : null}
    </div>
  );
}

function Pipelines({ pipelines }: { pipelines: EstateView['pipelines'] }) {
  if (pipelines.length === 0) return null;
  return (
    <div className="estate-block">
      <h4>{messages.play.pipelines}</h4>
      <ul className="plain-list">
        {pipelines.map((p) => (
          <li key={p.id} className="pipeline">
            <span>{p.label ?? p.id}</span>
            <span
              className={`badge ${p.status === 'running' ? 'badge-live' : p.status === 'paused' ? 'badge-warn' : 'badge-neutral'}`}
            >
              {p.status === 'running' ? messages.play.running : messages.play.state(p.status)}
            </span>
            {p.source ? <span className="small muted">{messages.play.source(p.source)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Evidence({ evidence }: { evidence: EstateView['evidence'] }) {
  return (
    <div className="estate-block">
      <h4>{messages.play.evidenceLocker}</h4>
      {evidence.length === 0 ? (
        <p className="muted small">{messages.play.evidenceEmpty}</p>
      ) : (
        <ul className="plain-list">
          {evidence.map((e) => (
            <li key={e.id}>
              {e.label} <span className="small muted">{simTime(e.at)}</span>
              {e.status ? <span className="badge badge-bad">{e.status}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Impact({ metrics }: { metrics: EstateView['metrics'] }) {
  // the meter compares the current rate with the highest rate seen on this screen: a new high
  // is kept at once, during render, as React does for state derived from earlier props
  const [peaks, setPeaks] = useState<Record<string, number>>({});
  const raised = metrics.filter((m) => m.rate > (peaks[m.id] ?? 0));
  if (raised.length) setPeaks({ ...peaks, ...Object.fromEntries(raised.map((m) => [m.id, m.rate])) });
  if (metrics.length === 0) return null;
  return (
    <div className="estate-block impact">
      <h4>{messages.play.businessImpact}</h4>
      {metrics.map((m) => {
        const top = Math.max(peaks[m.id] ?? 0, m.rate);
        return (
          <div key={m.id} className="impact-row">
            <span className="impact-label">{m.label}</span>
            <span className="impact-total">{money(m.total, m.unit)}</span>
            <span className={`badge ${m.rate > 0 ? 'badge-bad' : 'badge-good'}`}>
              {m.rate > 0 ? messages.play.perHour(money(m.rate, m.unit)) : messages.play.stopped}
            </span>
            <meter
              className="impact-meter"
              min={0}
              max={top || 1}
              low={(top || 1) * 0.01}
              high={(top || 1) * 0.5}
              optimum={0}
              value={m.rate}
              aria-label={messages.play.currentRate(m.label, money(m.rate, m.unit))}
            />
          </div>
        );
      })}
    </div>
  );
}

/** A label without its parenthesised detail ("Live scoring (returned to the switch)" → "Live scoring"). */
function shortLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '').trim() || label;
}

/**
 * The facilitator board's estate lines: what each endpoint serves (version, signed or not),
 * pipeline states, the evidence count and the business impact, one line each.
 */
export function EstateBrief({ estate }: { estate: EstateView }) {
  return (
    <dl className="estate-brief">
      {estate.endpoints.map((endpoint) => {
        const serving = Object.entries(endpoint.traffic).filter(([, share]) => share > 0);
        const total = serving.reduce((a, [, w]) => a + w, 0) || 1;
        const label = shortLabel(endpoint.label ?? endpoint.id);
        return (
          <div key={endpoint.id} className="brief-row">
            <dt title={endpoint.label ?? endpoint.id}>
              <span className="brief-kind">{messages.play.servingKind}</span> {label}
            </dt>
            <dd>
              {serving.length === 0 ? (
                <span className="badge badge-warn">{messages.play.servingNothing}</span>
              ) : (
                serving.map(([modelId, share]) => {
                  const model = estate.models.find((x) => x.id === modelId);
                  const pct = Math.round((share / total) * 100);
                  return (
                    <span key={modelId} className={`badge ${trustBadge(model).cls}`}>
                      v{model?.version ?? '?'}
                      {pct < 100 ? ` ${pct}%` : ''} {trustBadge(model).text}
                      {model && model.status !== 'active' && model.status !== 'ready'
                        ? ` · ${messages.play.state(model.status)}`
                        : ''}
                    </span>
                  );
                })
              )}
            </dd>
          </div>
        );
      })}
      {estate.pipelines.map((p) => (
        <div key={p.id} className="brief-row">
          <dt title={p.label ?? p.id}>
            <span className="brief-kind">{messages.play.pipeline}</span> {shortLabel(p.label ?? p.id)}
          </dt>
          <dd>
            <span
              className={`badge ${p.status === 'running' ? 'badge-live' : p.status === 'paused' ? 'badge-warn' : 'badge-neutral'}`}
            >
              {p.status === 'running' ? messages.play.running : messages.play.state(p.status)}
            </span>
          </dd>
        </div>
      ))}
      <KindBriefRows estate={estate} />
      <div className="brief-row">
        <dt>{messages.play.evidence}</dt>
        <dd>
          <strong>{estate.evidence.length}</strong> {messages.play.itemsPreserved(estate.evidence.length)}
        </dd>
      </div>
      {estate.metrics.map((m) => (
        <div key={m.id} className="brief-row">
          <dt title={m.label}>{m.label}</dt>
          <dd>
            <strong>{money(m.total, m.unit)}</strong>{' '}
            {m.rate > 0 ? (
              <span className="badge badge-bad">{messages.play.perHour(money(m.rate, m.unit))}</span>
            ) : (
              <span className="badge badge-good">{messages.play.stopped}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

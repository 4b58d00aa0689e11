import type { EstateView } from '../../../protocol/messages.ts';
import { money } from '../text/units.ts';
import { messages } from '../text/messages.ts';

const words = messages.play;
/** A state the server names (serving, rotated, tampered, …) as the catalog words it. */
const state = (s: string) => words.state(s);

type Model = EstateView['models'][number];

/** A model's trust badge: signed or not, or the vendor hosting it (no file, no signature). */
export function trustBadge(model: Model | undefined): { cls: string; text: string } {
  if (model?.provider) return { cls: 'badge-neutral', text: words.hostedBy(model.provider) };
  return model?.signed ? { cls: 'badge-good', text: words.signed } : { cls: 'badge-bad', text: words.unsigned };
}

const NAMESPACE_CLASS = { serving: 'badge-live', quarantined: 'badge-warn', purged: 'badge-neutral' } as const;
const SYNC_CLASS = { running: 'badge-live', paused: 'badge-warn', stopped: 'badge-neutral' } as const;
const PERMISSION = {
  allow: { cls: 'badge-bad', text: words.permission.allow },
  approval: { cls: 'badge-warn', text: words.permission.approval },
  deny: { cls: 'badge-good', text: words.permission.deny },
} as const;
const PROVENANCE_CLASS = { verified: 'badge-good', unverified: 'badge-warn', tampered: 'badge-bad' } as const;
const CREDENTIAL_CLASS = { valid: 'badge-warn', rotated: 'badge-good', revoked: 'badge-good' } as const;

/** Retrieval stores: each namespace's state, the sources syncing into it, the snapshots taken. */
export function RetrievalStores({ stores }: { stores: NonNullable<EstateView['retrieval']> }) {
  return (
    <>
      {stores.map((store) => (
        <div key={store.id} className="estate-block">
          <h4>{words.retrievalStore(store.label ?? store.id)}</h4>
          <ul className="plain-list">
            {store.namespaces.map((n) => (
              <li key={n.id}>
                <span>{words.namespace(n.label ?? n.id)}</span>{' '}
                <span className={`badge ${NAMESPACE_CLASS[n.status]}`}>{state(n.status)}</span>
              </li>
            ))}
            {store.sources.map((s) => (
              <li key={s.id}>
                <span>{words.sync(s.label ?? s.id)}</span>{' '}
                <span className={`badge ${SYNC_CLASS[s.status]}`}>
                  {s.status === 'running' ? words.running : state(s.status)}
                </span>
                {s.namespace ? <span className="small muted"> {words.into(s.namespace)}</span> : null}
              </li>
            ))}
          </ul>
          <p className="small muted">
            {store.snapshots.length ? words.snapshots(store.snapshots.map((s) => s.label ?? s.id)) : words.noSnapshots}
            {store.restoredFrom ? ` ${words.restoredFrom(store.restoredFrom)}` : ''}
          </p>
        </div>
      ))}
    </>
  );
}

/** Agents and what each tool may do: allowed, only with approval, or denied, and its cap. */
export function Agents({ agents }: { agents: NonNullable<EstateView['agents']> }) {
  return (
    <>
      {agents.map((agent) => (
        <div key={agent.id} className="estate-block">
          <h4>
            {words.agent(agent.label ?? agent.id)}{' '}
            <span className={`badge ${agent.status === 'active' ? 'badge-live' : 'badge-warn'}`}>
              {agent.status === 'active' ? words.active : words.suspended}
            </span>
          </h4>
          <p className="small muted">{agent.sessionBinding ? words.callerSession : words.agentRights}</p>
          <ul className="plain-list">
            {agent.tools.map((t) => (
              <li key={t.id}>
                <span>{t.label ?? t.id}</span>{' '}
                <span className={`badge ${PERMISSION[t.permission].cls}`}>{PERMISSION[t.permission].text}</span>
                {t.cap !== undefined ? (
                  <span className="small muted"> {words.capPerCall(money(t.cap, t.unit ?? ''))}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** Datasets: version, provenance and quarantined shards. */
export function Datasets({ datasets }: { datasets: NonNullable<EstateView['datasets']> }) {
  return (
    <div className="estate-block">
      <h4>{words.datasets}</h4>
      <ul className="plain-list">
        {datasets.map((d) => {
          const quarantined = d.shards.filter((s) => s.status === 'quarantined');
          return (
            <li key={d.id}>
              <span>
                {d.label ?? d.id} <span className="muted">v{d.version}</span>
              </span>{' '}
              <span className={`badge ${PROVENANCE_CLASS[d.provenance]}`}>{words.provenance(state(d.provenance))}</span>
              {quarantined.length ? (
                <span className="small muted"> {words.quarantined(quarantined.map((s) => s.label ?? s.id))}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Credentials and keys: valid, rotated or revoked. */
export function Credentials({ credentials }: { credentials: NonNullable<EstateView['credentials']> }) {
  return (
    <div className="estate-block">
      <h4>{words.credentials}</h4>
      <ul className="plain-list">
        {credentials.map((c) => (
          <li key={c.id}>
            <span>{c.label ?? c.id}</span>{' '}
            <span className={`badge ${CREDENTIAL_CLASS[c.status]}`}>{state(c.status)}</span>
            {c.scope ? <span className="small muted"> {c.scope}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The facilitator board's lines for these kinds, one per store, agent, dataset and credential. */
export function KindBriefRows({ estate }: { estate: EstateView }) {
  const row = (key: string, kind: string, label: string, badges: Array<{ cls: string; text: string }>) => (
    <div key={key} className="brief-row">
      <dt title={label}>
        <span className="brief-kind">{kind}</span> {label}
      </dt>
      <dd>
        {badges.map((b) => (
          <span key={b.text} className={`badge ${b.cls}`}>
            {b.text}
          </span>
        ))}
      </dd>
    </div>
  );
  return (
    <>
      {(estate.retrieval ?? []).map((s) =>
        row(`r-${s.id}`, words.kind.retrieval, s.label ?? s.id, [
          ...s.namespaces
            .filter((n) => n.status !== 'serving')
            .map((n) => ({ cls: NAMESPACE_CLASS[n.status], text: `${n.label ?? n.id} ${state(n.status)}` })),
          ...s.sources
            .filter((x) => x.status !== 'running')
            .map((x) => ({ cls: SYNC_CLASS[x.status], text: `${x.label ?? words.sync(x.id)} ${state(x.status)}` })),
          ...(s.namespaces.every((n) => n.status === 'serving') && s.sources.every((x) => x.status === 'running')
            ? [{ cls: 'badge-live', text: words.servingSyncing }]
            : []),
        ]),
      )}
      {(estate.agents ?? []).map((a) =>
        row(`a-${a.id}`, words.kind.agent, a.label ?? a.id, [
          { cls: a.status === 'active' ? 'badge-live' : 'badge-warn', text: state(a.status) },
          ...a.tools.map((t) => ({
            cls: PERMISSION[t.permission].cls,
            text: `${t.label ?? t.id} ${PERMISSION[t.permission].text}`,
          })),
        ]),
      )}
      {(estate.datasets ?? []).map((d) =>
        row(`d-${d.id}`, words.kind.dataset, d.label ?? d.id, [
          { cls: PROVENANCE_CLASS[d.provenance], text: `v${d.version} ${state(d.provenance)}` },
        ]),
      )}
      {(estate.credentials ?? []).map((c) =>
        row(`c-${c.id}`, words.kind.credential, c.label ?? c.id, [
          { cls: CREDENTIAL_CLASS[c.status], text: state(c.status) },
        ]),
      )}
    </>
  );
}

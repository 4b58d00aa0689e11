/**
 * The estate kinds beyond models and endpoints: retrieval stores, agents and their tools,
 * datasets, credentials. Their state, how effects change them and how conditions read them.
 * Each part is present in a team's estate only when the drill declares some (so a format-1
 * drill's state is exactly what it was). Copy on write, like the rest of team-state.ts.
 */
import type { Condition, Effect, Scenario } from './schema.ts';

type Declared = Scenario['estate'];
export type RetrievalState = Declared['retrieval'][number] & {
  snapshots: Array<{ id: string; label?: string | undefined; at?: number }>;
  restoredFrom?: string;
};
export type AgentState = Declared['agents'][number];
export type DatasetState = Declared['datasets'][number];
export type CredentialState = Declared['credentials'][number];

export interface KindsState {
  retrieval?: RetrievalState[];
  agents?: AgentState[];
  datasets?: DatasetState[];
  credentials?: CredentialState[];
}

export const KIND_PARTS = ['retrieval', 'agents', 'datasets', 'credentials'] as const;
export type KindPart = (typeof KIND_PARTS)[number];

/** The declared kinds as state: deep enough copies that effects never touch the scenario. */
export function initialKinds(estate: Declared): KindsState {
  const out: KindsState = {};
  if (estate.retrieval.length) {
    out.retrieval = estate.retrieval.map((r) => ({
      ...r,
      namespaces: r.namespaces.map((n) => ({ ...n })),
      sources: r.sources.map((s) => ({ ...s })),
      snapshots: r.snapshots.map((s) => ({ ...s })),
    }));
  }
  if (estate.agents.length) out.agents = estate.agents.map((a) => ({ ...a, tools: a.tools.map((t) => ({ ...t })) }));
  if (estate.datasets.length)
    out.datasets = estate.datasets.map((d) => ({ ...d, shards: d.shards.map((s) => ({ ...s })) }));
  if (estate.credentials.length) out.credentials = estate.credentials.map((c) => ({ ...c }));
  return out;
}

/** `list` with the item `id` replaced by `change(item)`; the same array when there is none. */
function replace<T extends { id: string }>(list: T[], id: string, change: (item: T) => T): T[] {
  const i = list.findIndex((item) => item.id === id);
  if (i < 0) return list;
  const copy = list.slice();
  copy[i] = change(list[i]!);
  return copy;
}

/**
 * Applies an effect on one of these kinds to `estate` (a draft whose top level is its own);
 * returns false when the effect is of another kind.
 */
export function applyKindEffect(estate: KindsState, effect: Effect, now: number): boolean {
  if ('retrieval' in effect) {
    const change = effect.retrieval;
    if (!estate.retrieval) return true;
    estate.retrieval = replace(estate.retrieval, change.id, (store) => {
      const next = { ...store };
      if (change.namespace)
        next.namespaces = replace(next.namespaces, change.namespace.id, (n) => ({
          ...n,
          status: change.namespace!.status,
        }));
      if (change.source)
        next.sources = replace(next.sources, change.source.id, (s) => ({ ...s, status: change.source!.status }));
      if (change.snapshot && !next.snapshots.some((s) => s.id === change.snapshot!.id)) {
        next.snapshots = [...next.snapshots, { ...change.snapshot, at: now }];
      }
      if (change.restore) {
        // Restoring a snapshot brings back what it holds: every namespace serves again.
        next.restoredFrom = change.restore;
        next.namespaces = next.namespaces.map((n) =>
          n.status === 'serving' ? n : { ...n, status: 'serving' as const },
        );
      }
      return next;
    });
    return true;
  }
  if ('agent' in effect) {
    const change = effect.agent;
    if (!estate.agents) return true;
    estate.agents = replace(estate.agents, change.id, (agent) => {
      const next = { ...agent };
      if (change.status) next.status = change.status;
      if (change.session_binding !== undefined) next.session_binding = change.session_binding;
      if (change.tool) {
        const { id, permission, cap } = change.tool;
        next.tools = replace(next.tools, id, (t) => {
          const tool = { ...t, ...(permission ? { permission } : {}) };
          if (cap === null) delete tool.cap;
          else if (cap !== undefined) tool.cap = cap;
          return tool;
        });
      }
      return next;
    });
    return true;
  }
  if ('dataset' in effect) {
    const change = effect.dataset;
    if (!estate.datasets) return true;
    estate.datasets = replace(estate.datasets, change.id, (d) => ({
      ...d,
      ...(change.version !== undefined ? { version: change.version } : {}),
      ...(change.provenance ? { provenance: change.provenance } : {}),
      ...(change.shard
        ? { shards: replace(d.shards, change.shard.id, (s) => ({ ...s, status: change.shard!.status })) }
        : {}),
    }));
    return true;
  }
  if ('credential' in effect) {
    if (estate.credentials)
      estate.credentials = replace(estate.credentials, effect.credential.id, (c) => ({
        ...c,
        status: effect.credential.status,
      }));
    return true;
  }
  return false;
}

/** Whether a condition on one of these kinds holds; undefined when it is of another kind. */
export function kindHolds(estate: KindsState, c: Condition): boolean | undefined {
  if ('retrieval' in c) {
    const store = estate.retrieval?.find((r) => r.id === c.retrieval.id);
    if (!store) return false;
    const { namespace, source, snapshot, restored } = c.retrieval;
    return (
      (!namespace || store.namespaces.some((n) => n.id === namespace.id && n.status === namespace.status)) &&
      (!source || store.sources.some((s) => s.id === source.id && s.status === source.status)) &&
      (!snapshot || store.snapshots.some((s) => s.id === snapshot)) &&
      (!restored || store.restoredFrom === restored)
    );
  }
  if ('agent' in c) {
    const agent = estate.agents?.find((a) => a.id === c.agent.id);
    if (!agent) return false;
    const { status, session_binding: bound, tool } = c.agent;
    const t = tool ? agent.tools.find((x) => x.id === tool.id) : undefined;
    return (
      (status === undefined || agent.status === status) &&
      (bound === undefined || agent.session_binding === bound) &&
      (!tool ||
        (t !== undefined &&
          (tool.permission === undefined || t.permission === tool.permission) &&
          (tool.cap_at_most === undefined || (t.cap !== undefined && t.cap <= tool.cap_at_most))))
    );
  }
  if ('dataset' in c) {
    const d = estate.datasets?.find((x) => x.id === c.dataset.id);
    if (!d) return false;
    const { provenance, version, shard } = c.dataset;
    return (
      (provenance === undefined || d.provenance === provenance) &&
      (version === undefined || String(d.version) === String(version)) &&
      (!shard || d.shards.some((s) => s.id === shard.id && s.status === shard.status))
    );
  }
  if ('credential' in c)
    return estate.credentials?.some((x) => x.id === c.credential.id && x.status === c.credential.status) ?? false;
  return undefined;
}

/** The part and item a condition on these kinds reads, for the path search's merge key. */
export function kindRead(c: Condition): { part: KindPart; id: string } | undefined {
  if ('retrieval' in c) return { part: 'retrieval', id: c.retrieval.id };
  if ('agent' in c) return { part: 'agents', id: c.agent.id };
  if ('dataset' in c) return { part: 'datasets', id: c.dataset.id };
  if ('credential' in c) return { part: 'credentials', id: c.credential.id };
  return undefined;
}

/**
 * The path search's merge key: what of a team's state can still change what happens next.
 * Two states at the same inject are merged when they agree on every fact that some condition,
 * route or expectation can still read from there on; a flag nothing reads any more (its `when`s
 * are behind the story) no longer splits states. This is what keeps a 200-decision drill with 20
 * branch flags to a few states per inject instead of 2^20.
 *
 * Reads are computed per inject by liveness over the story graph: what the inject itself reads
 * (its `when`, its options' `when`s, its routes), plus what anything after it reads. Expectations,
 * and conditions on time and clocks (sim time feeds back into the story), are read everywhere.
 */
import { nextTargets, type Drill } from './drill.ts';
import { chose } from './conditions.ts';
import { kindRead, type KindPart } from './estate-kinds.ts';
import type { Condition, Next } from './schema.ts';
import type { TeamState } from './team-state.ts';

/** One fact a key holds: "f:flag", "ft:flag" (with its time), "p:pipeline", "e:endpoint", "ev:evidence", "c:inject.option", "k:part\nid", "t". */
type Read = string;

function conditionReads(drill: Drill, c: Condition, out: Set<Read>, global: Set<Read>): void {
  if ('flag' in c) out.add(`f:${c.flag}`);
  else if ('not' in c) conditionReads(drill, c.not, out, global);
  else if ('all' in c) c.all.forEach((x) => conditionReads(drill, x, out, global));
  else if ('any' in c) c.any.forEach((x) => conditionReads(drill, x, out, global));
  else if ('chose' in c) out.add(`c:${c.chose}`);
  else if ('pipeline' in c) out.add(`p:${c.pipeline.id}`);
  else if ('serving' in c) out.add(`e:${c.serving.endpoint}`);
  else if ('evidence' in c) out.add(`ev:${c.evidence.id}`);
  else if (kindRead(c)) {
    const read = kindRead(c)!;
    out.add(`k:${read.part}\n${read.id}`);
  } else {
    // Time and clocks: sim time feeds back into the story, so states at different times never merge.
    global.add('t');
    if ('clock' in c) clockReads(drill, c.clock.id, global);
  }
}

function clockReads(drill: Drill, id: string, out: Set<Read>): void {
  const clock = drill.scenario.clocks.find((c) => c.id === id);
  if (!clock) return;
  if (clock.starts_on) out.add(`ft:${clock.starts_on}`);
  out.add(`ft:${clock.stops_on}`);
}

const routeConditions = (next: Next | undefined): Condition[] =>
  Array.isArray(next) ? next.flatMap((r) => (r.when ? [r.when] : [])) : [];

/** The facts each inject can still read, and those read everywhere. */
export function liveReads(drill: Drill): { at: Map<string, Set<Read>>; global: Set<Read> } {
  const global = new Set<Read>();
  for (const e of drill.scenario.expectations) {
    const r = e.require;
    if ('before' in r) r.before.forEach((f) => global.add(`f:${f}`));
    if ('never' in r) global.add(`f:${r.never}`);
    if ('flag' in r && r.after !== undefined) global.add(`ft:${r.after}`);
    if ('clock' in r) clockReads(drill, r.clock.id, global);
    if ('holds' in r) conditionReads(drill, r.holds, global, global);
  }
  const local = new Map<string, Set<Read>>();
  const successors = new Map<string, string[]>();
  for (const [id, entry] of Object.entries(drill.injects)) {
    const { inject } = entry;
    const reads = new Set<Read>();
    const conditions = [
      ...(inject.when ? [inject.when] : []),
      ...routeConditions(entry.defaultNext),
      ...(inject.decision?.options ?? []).flatMap((o) => [...(o.when ? [o.when] : []), ...routeConditions(o.next)]),
      ...routeConditions(inject.decision?.no_decision?.next),
    ];
    for (const c of conditions) conditionReads(drill, c, reads, global);
    local.set(id, reads);
    const next = [
      entry.defaultNext,
      ...(inject.decision?.options ?? []).map((o) => o.next),
      inject.decision?.no_decision?.next,
    ];
    successors.set(
      id,
      [...new Set(next.flatMap(nextTargets))].filter((t) => drill.injects[t]),
    );
  }
  // Liveness to a fixed point (loops are errors, but must not hang the search that reports them).
  const at = new Map([...local].map(([id, reads]) => [id, new Set(reads)]));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = drill.order.length - 1; i >= 0; i--) {
      const id = drill.order[i]!;
      const live = at.get(id)!;
      for (const next of successors.get(id)!) {
        for (const read of at.get(next)!) {
          if (!live.has(read)) {
            live.add(read);
            changed = true;
          }
        }
      }
    }
  }
  return { at, global };
}

/** One read's value in a state, as text ("" when unset). */
function valueOf(read: Read, state: TeamState): string {
  const kind = read.slice(0, read.indexOf(':'));
  const name = read.slice(kind.length + 1);
  switch (kind) {
    case 'f':
      return state.flags[name] ? '1' : '';
    case 'ft': {
      const set = state.flags[name];
      const cleared = state.cleared?.[name];
      return `${set ? set.at : ''}/${cleared ? cleared.at : ''}`;
    }
    case 'p':
      return state.estate.pipelines.find((p) => p.id === name)?.status ?? '';
    case 'e':
      return JSON.stringify(state.estate.endpoints.find((e) => e.id === name)?.traffic ?? null);
    case 'ev': {
      const item = state.estate.evidence.find((e) => e.id === name);
      return item ? (item.status ?? 'intact') : '';
    }
    case 'c':
      return chose(state, name) ? '1' : '';
    case 'k': {
      const [part, id] = name.split('\n') as [KindPart, string];
      return JSON.stringify(
        (state.estate[part] as Array<{ id: string }> | undefined)?.find((x) => x.id === id) ?? null,
      );
    }
    default:
      return String(state.simMinutes);
  }
}

export interface MergeKey {
  /** The key of a state: its place in the story and every fact that can still matter there, NUL-separated. */
  of: (state: TeamState) => string;
  /** The facts read at an inject (or ending), for explaining a state space that grew too large. */
  readsAt(place: string): readonly Read[];
}

/** The merge key of a drill. */
export function mergeKey(drill: Drill): MergeKey {
  const { at, global } = liveReads(drill);
  const sorted = new Map<string, Read[]>();
  for (const [id, reads] of at) sorted.set(id, [...new Set([...reads, ...global])].sort());
  const atEnding = [...global].sort();
  const readsAt = (place: string) => sorted.get(place) ?? atEnding;
  return {
    of(state) {
      const place = state.cursor.inject ?? state.cursor.ending!;
      const parts = [state.cursor.inject ?? `#${state.cursor.ending}`];
      for (const read of readsAt(place)) parts.push(valueOf(read, state));
      // NUL never occurs in a value: ids are slugs and JSON escapes control characters.
      return parts.join('\0');
    },
    readsAt,
  };
}

/**
 * Why a search grew past its limit: the facts whose values split the most states, in words
 * ("flag contained", "sim time"), most splitting first. Read from the keys (`place|value|…`, the
 * values in the order of {@link MergeKey.readsAt}, NUL-separated), since the search keeps no states.
 */
export function largestSplits(key: MergeKey, keys: Iterable<string>, max = 8): string[] {
  const values = new Map<Read, Map<string, number>>();
  for (const text of keys) {
    const [place, ...parts] = text.split('\0');
    const reads = key.readsAt(place!.startsWith('#') ? place!.slice(1) : place!);
    reads.forEach((read, i) => {
      const counts = values.get(read) ?? new Map<string, number>();
      const value = parts[i] ?? '';
      counts.set(value, (counts.get(value) ?? 0) + 1);
      values.set(read, counts);
    });
  }
  // A fact splits states when it takes several values often: rank by its second most common value.
  const score = (counts: Map<string, number>) => [...counts.values()].sort((a, b) => b - a)[1] ?? 0;
  return [...values]
    .filter(([, counts]) => counts.size > 1)
    .sort((a, b) => score(b[1]) - score(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([read]) => describeRead(read));
}

function describeRead(read: Read): string {
  const kind = read.slice(0, read.indexOf(':'));
  const name = read.slice(kind.length + 1).replace('\n', ' ');
  const words: Record<string, string> = {
    f: 'flag',
    ft: 'the time of flag',
    p: 'pipeline',
    e: 'endpoint',
    ev: 'evidence',
    c: 'choice',
    k: '',
  };
  return read === 't' ? 'sim time' : `${words[kind] ?? ''} ${name}`.trim();
}

/**
 * What the exercise documents read from a checked drill: when each inject comes up on the best
 * and the worst path, how the story reaches it, the action expected there, the options that do
 * harm, and which critical tasks (expectations) each inject tests. Pure and deterministic.
 */
import { flagsOf } from '../attribution.ts';
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { optionTotal } from '../../engine/outcome.ts';
import { play } from '../../engine/playthrough.ts';
import type { Condition, Effect, Expectation, Inject, Next, Option, Requirement } from '../../engine/schema.ts';
import type { DecisionRecord } from '../../engine/team-state.ts';
import { CAPABILITIES, type Capability } from '../../engine/vocabulary.ts';
import { clause, listWords } from '../format.ts';
import { conditionWords } from './words.ts';

/** One inject as a controller needs it. */
export interface InjectFacts {
  id: string;
  n: number;
  inject: Inject;
  phase: Drill['scenario']['phases'][number];
  /** Sim-minute it comes up on the best path, or null when that path does not show it. */
  bestAt: number | null;
  worstAt: number | null;
  /** Sim-minute before which it never fires (`at`), or null. */
  notBefore: number | null;
  /** How the story gets here, in words. */
  reached: string[];
  /** The inject's own condition in words ("shown only if …"), or null. */
  shownIf: string | null;
  /** The option the best path takes here (else the best-scoring option), or null without a decision. */
  expected: Option | null;
  /** Options that lose points overall or set a flag a critical task forbids. */
  harmful: Option[];
  /** Expectations whose outcome a choice here can change, in scenario order. */
  tests: Expectation[];
}

export interface DrillFacts {
  injects: InjectFacts[];
  /** Capabilities the drill scores or has critical tasks for, in vocabulary order. */
  capabilities: Capability[];
  /** For each expectation id, the injects that test it (document order). */
  testedAt: Map<string, InjectFacts[]>;
  /** How each ending is reached, in words. */
  endings: Array<{ ending: Drill['scenario']['endings'][number]; reached: string[] }>;
}

/** What an effect changes, as keys shared with conditions: `flag:x`, `pipeline:id`, `inject:id`… */
function effectKeys(effect: Effect): string[] {
  if ('flag' in effect) return (Array.isArray(effect.flag) ? effect.flag : [effect.flag]).map((f) => `flag:${f}`);
  if ('clear' in effect) return (Array.isArray(effect.clear) ? effect.clear : [effect.clear]).map((f) => `flag:${f}`);
  if ('traffic' in effect) return [`serving:${effect.traffic.endpoint}`];
  if ('pipeline' in effect) return [`pipeline:${effect.pipeline.id}`];
  if ('evidence' in effect) return [`evidence:${effect.evidence.id}`];
  if ('evidence_state' in effect) return [`evidence:${effect.evidence_state.id}`];
  if ('retrieval' in effect) return [`retrieval:${effect.retrieval.id}`];
  if ('agent' in effect) return [`agent:${effect.agent.id}`];
  if ('dataset' in effect) return [`dataset:${effect.dataset.id}`];
  if ('credential' in effect) return [`credential:${effect.credential.id}`];
  return [];
}

function conditionKeys(drill: Drill, c: Condition): string[] {
  if ('flag' in c) return [`flag:${c.flag}`];
  if ('not' in c) return conditionKeys(drill, c.not);
  if ('all' in c) return c.all.flatMap((x) => conditionKeys(drill, x));
  if ('any' in c) return c.any.flatMap((x) => conditionKeys(drill, x));
  if ('chose' in c) return [`inject:${c.chose.split('.')[0]}`];
  if ('pipeline' in c) return [`pipeline:${c.pipeline.id}`];
  if ('serving' in c) return [`serving:${c.serving.endpoint}`];
  if ('clock' in c) return clockKeys(drill, c.clock.id);
  if ('time' in c) return [];
  if ('evidence' in c) return [`evidence:${c.evidence.id}`];
  if ('retrieval' in c) return [`retrieval:${c.retrieval.id}`];
  if ('agent' in c) return [`agent:${c.agent.id}`];
  if ('dataset' in c) return [`dataset:${c.dataset.id}`];
  return [`credential:${c.credential.id}`];
}

/** A clock is decided by the flag that stops it. */
function clockKeys(drill: Drill, id: string): string[] {
  const clock = drill.scenario.clocks.find((k) => k.id === id);
  return clock ? [`flag:${clock.stops_on}`] : [];
}

/** What a critical task is about, as keys: the flags it needs or forbids, the choice it names. */
function requirementKeys(drill: Drill, r: Requirement): string[] {
  if ('flag' in r) return [`flag:${r.flag}`];
  if ('before' in r) return r.before.map((f) => `flag:${f}`);
  if ('never' in r) return [`flag:${r.never}`];
  if ('chose' in r) return [`inject:${r.chose.split('.')[0]}`];
  if ('clock' in r) return clockKeys(drill, r.clock.id);
  return conditionKeys(drill, r.holds);
}

/** The decision log of the best or worst path (empty when the path cannot be replayed). */
function pathLog(drill: Drill, stats: ExploreResult, kind: 'best' | 'worst'): DecisionRecord[] {
  try {
    return play(drill, stats, { kind }).state.log;
  } catch {
    return []; // the documents still come out, without times
  }
}

/** Sim-minute each inject comes up on a path (the decision log's `at`, the first time). */
function arrivals(log: DecisionRecord[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const record of log) if (!times.has(record.inject)) times.set(record.inject, record.at);
  return times;
}

/** The routes of a `next`: where each goes, and the words for when it is taken. */
function routes(drill: Drill, next: Next | undefined): Array<{ to: string; when: string | null }> {
  if (next === undefined) return [];
  if (typeof next === 'string') return [{ to: next, when: null }];
  return next.map((route, i) => ({
    to: route.to,
    when: route.when ? `when ${conditionWords(drill, route.when)}` : i > 0 ? 'otherwise' : null,
  }));
}

/** For every inject and ending, the ways in: "after “Alert” when the team chose “Roll back”". */
function incoming(drill: Drill): Map<string, string[]> {
  const into = new Map<string, string[]>();
  const add = (to: string, text: string) => {
    const list = into.get(to) ?? [];
    if (!list.includes(text)) list.push(text);
    into.set(to, list);
  };
  const passedOver: Array<{ from: string; to: string; when: string | null }> = [];
  for (const id of drill.order) {
    const entry = drill.injects[id]!;
    const { inject } = entry;
    const from = `after “${inject.title}”`;
    if (inject.when) for (const r of routes(drill, entry.defaultNext)) passedOver.push({ from, ...r });
    const decision = inject.decision;
    if (!decision) {
      for (const r of routes(drill, entry.defaultNext)) add(r.to, r.when ? `${from}, ${r.when}` : from);
      continue;
    }
    // every way out of the decision, grouped by destination and route
    const ways: Array<{ label: string | null; next: Next | undefined }> = [
      ...decision.options.map((o) => ({ label: `“${clause(o.label)}”`, next: o.next ?? entry.defaultNext })),
      { label: null, next: decision.no_decision?.next ?? entry.defaultNext },
    ];
    const byRoute = new Map<string, { to: string; when: string | null; labels: Array<string | null> }>();
    for (const way of ways) {
      for (const r of routes(drill, way.next)) {
        const key = `${r.to}\u0000${r.when ?? ''}`;
        const slot = byRoute.get(key) ?? { to: r.to, when: r.when, labels: [] };
        slot.labels.push(way.label);
        byRoute.set(key, slot);
      }
    }
    for (const slot of byRoute.values()) {
      const chosen = slot.labels.filter((l): l is string => l !== null);
      const parts = [
        chosen.length ? `the team chose ${listWords(chosen)}` : '',
        slot.labels.includes(null) ? 'no decision was reached in time' : '',
      ].filter(Boolean);
      const how = slot.labels.length === ways.length ? '' : ` when ${parts.join(' or ')}`;
      add(slot.to, `${from}${how}${slot.when ? `, ${slot.when}` : ''}`);
    }
  }
  // an inject passed over leads where its story goes anyway; say so only where that is a way of its own
  for (const p of passedOver) {
    const plain = `${p.from}${p.when ? `, ${p.when}` : ''}`;
    if (!into.get(p.to)?.includes(plain)) add(p.to, `${p.from} when it is passed over${p.when ? `, ${p.when}` : ''}`);
  }
  return into;
}

/** Analyses a drill for the documents. */
export function drillFacts(drill: Drill, stats: ExploreResult): DrillFacts {
  const bestLog = pathLog(drill, stats, 'best');
  const best = arrivals(bestLog);
  const worst = arrivals(pathLog(drill, stats, 'worst'));
  const bestChoice = new Map<string, string>();
  for (const r of bestLog) if (r.option && !bestChoice.has(r.inject)) bestChoice.set(r.inject, r.option);
  const into = incoming(drill);
  const expectations = drill.scenario.expectations;
  const forbidden = new Set(expectations.flatMap((e) => ('never' in e.require ? [e.require.never] : [])));
  const keysOf = new Map(expectations.map((e) => [e.id, new Set(requirementKeys(drill, e.require))]));

  const injects: InjectFacts[] = drill.order.map((id, i) => {
    const { inject, phase, atMinutes } = drill.injects[id]!;
    const options = inject.decision?.options ?? [];
    const changed = new Set([
      `inject:${id}`,
      ...(inject.effects ?? []).flatMap(effectKeys),
      ...options.flatMap((o) => o.effects.flatMap(effectKeys)),
    ]);
    const tests = expectations.filter((e) => [...keysOf.get(e.id)!].some((k) => changed.has(k)));
    const localBest = options.length ? options.reduce((a, b) => (optionTotal(b) > optionTotal(a) ? b : a)) : null;
    const expected = options.find((o) => o.id === bestChoice.get(id)) ?? localBest;
    return {
      id,
      n: i + 1,
      inject,
      phase,
      bestAt: best.get(id) ?? null,
      worstAt: worst.get(id) ?? null,
      notBefore: inject.at ? atMinutes : null,
      reached: i === 0 ? ['the start of the exercise'] : (into.get(id) ?? []),
      shownIf: inject.when ? conditionWords(drill, inject.when) : null,
      expected,
      harmful: options.filter((o) => optionTotal(o) < 0 || flagsOf(o).some((f) => forbidden.has(f))),
      tests,
    };
  });

  const testedAt = new Map(expectations.map((e) => [e.id, injects.filter((f) => f.tests.includes(e))]));
  const capabilities = CAPABILITIES.filter(
    (c) => stats.highestScore[c] > 0 || expectations.some((e) => e.capability === c),
  );
  const endings = drill.scenario.endings.map((ending) => ({ ending, reached: into.get(ending.id) ?? [] }));
  return { injects, capabilities, testedAt, endings };
}

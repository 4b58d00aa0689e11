/**
 * Strengths and areas for improvement of one team, each with a note a manager can act on: for
 * a missed expectation, the root cause written from what the team chose instead (and, when
 * nothing it chose set the flag, the last option on offer that would have led there); for a met
 * one, how the team met it, with only the ATLAS mitigations the team applied. Harmful choices not already explained by a missed expectation are
 * areas for improvement too, and best choices that gained points are strengths.
 */
import { atlasMitigation } from '../engine/atlas.ts';
import { readClock } from '../engine/conditions.ts';
import { durationMinutes, formatMinutes } from '../engine/duration.ts';
import type { Drill } from '../engine/drill.ts';
import type { ExpectationResult } from '../engine/outcome.ts';
import type { Expectation, Outcome } from '../engine/schema.ts';
import type { TeamState } from '../engine/team-state.ts';
import { CAPABILITIES, type Capability } from '../engine/vocabulary.ts';
import { describeRecord, optionLabel, optionsSetting, type AttributedRecord } from './attribution.ts';
import { csfRef } from './csf.ts';
import { capabilityLabel, capitalise, clause } from './format.ts';
import { lastChance } from './reach.ts';
import type { DecisionEntry, Finding } from '../../protocol/index.ts';

/** ATLAS mitigation ids with their names from the shipped catalog. */
export function mitigationRefs(ids: string[]): Array<{ id: string; name: string }> {
  return ids.map((id) => ({ id, name: atlasMitigation(id)?.name ?? '' }));
}

interface Context {
  drill: Drill;
  state: TeamState;
  records: AttributedRecord[];
  /** Log indexes a note has already cited as the cause of a miss. */
  cited: Set<number>;
  /** Log indexes a note has already cited as how an expectation was met. */
  metCited: Set<number>;
}

const flagWords = (drill: Drill, flag: string): string => `“${clause(drill.scenario.flags[flag] ?? flag)}”`;

const clockWords = (drill: Drill, id: string): string =>
  `The clock “${drill.scenario.clocks.find((c) => c.id === id)?.label ?? id}”`;

function clockStatusWords(drill: Drill, state: TeamState, id: string): string {
  const clock = drill.scenario.clocks.find((c) => c.id === id);
  return clock ? readClock(clock, state).status.replace('-', ' ') : 'unknown';
}

function setter(ctx: Context, flag: string): number {
  return ctx.records.findIndex((r) => r.flagsSet.includes(flag));
}

/** The first decision where an option that sets `flag` was on offer and not taken. */
function passedUp(ctx: Context, flag: string): string | undefined {
  for (const [i, { record }] of ctx.records.entries()) {
    const setting = optionsSetting(ctx.drill, record.inject, flag);
    if (setting.length === 0 || setting.some((o) => o.id === record.option)) continue;
    ctx.cited.add(i);
    const title = ctx.drill.injects[record.inject]?.inject.title ?? record.inject;
    const did =
      record.kind === 'chosen'
        ? `chose “${optionLabel(ctx.drill, record.inject, record.option)}”`
        : 'reached no decision';
    return `At “${title}” (${record.at === 0 ? 'at the start' : `after ${formatMinutes(record.at)}`}) the team ${did} instead of “${setting[0]!.label}”, which would have set it.`;
  }
  return undefined;
}

/**
 * Which option, on offer at a decision the team faced, would have led to what never happened
 * (directly or later in the story); never claims that nothing could when something could.
 */
function reachWords(ctx: Context, goal: (s: TeamState) => boolean): string {
  const chance = lastChance(ctx.drill, ctx.state.log, goal);
  if (!chance) return 'No option at the decisions the team faced leads to it in this drill.';
  ctx.cited.add(chance.index);
  const record = ctx.records[chance.index]!.record;
  const title = ctx.drill.injects[record.inject]?.inject.title ?? record.inject;
  const did =
    record.kind === 'chosen'
      ? `chose “${optionLabel(ctx.drill, record.inject, record.option)}”`
      : 'reached no decision';
  const when = record.at === 0 ? 'at the start' : `after ${formatMinutes(record.at)}`;
  return `The last chance was at “${title}” (${when}): the team ${did}; “${optionLabel(ctx.drill, record.inject, chance.option)}”, on offer there, would have led to it.`;
}

const flagSet =
  (flag: string) =>
  (s: TeamState): boolean =>
    s.flags[flag] !== undefined;

function missNote(ctx: Context, e: Expectation): string {
  const { drill, state } = ctx;
  const r = e.require;
  const unfinished = state.cursor.ending === undefined ? ' The drill ended before the story did.' : '';
  if ('flag' in r) {
    const i = setter(ctx, r.flag);
    const limit = r.by ? durationMinutes(r.by) : undefined;
    const from = r.after !== undefined ? state.flags[r.after] : undefined;
    if (state.flags[r.flag] && from && r.within !== undefined) {
      const late = state.flags[r.flag]!.at - from.at - durationMinutes(r.within);
      if (i >= 0) ctx.cited.add(i);
      return `${capitalise(flagWords(drill, r.flag))} happened ${formatMinutes(state.flags[r.flag]!.at - from.at)} after ${flagWords(drill, r.after!)}, ${formatMinutes(late)} past the ${formatMinutes(durationMinutes(r.within))} allowed.`;
    }
    if (i >= 0 && limit !== undefined) {
      const at = state.flags[r.flag]?.at ?? 0;
      ctx.cited.add(i);
      const earlier = passedUp(ctx, r.flag);
      return `${capitalise(flagWords(drill, r.flag))} happened only after ${formatMinutes(at)}, ${formatMinutes(at - limit)} past the ${formatMinutes(limit)} target: the team ${describeRecord(drill, ctx.records[i]!.record)}.${earlier ? ` ${earlier}` : ''}`;
    }
    return `${capitalise(flagWords(drill, r.flag))} never happened. ${passedUp(ctx, r.flag) ?? reachWords(ctx, flagSet(r.flag))}${unfinished}`;
  }
  if ('before' in r) {
    const [a, b] = r.before;
    const ia = setter(ctx, a);
    const ib = setter(ctx, b);
    if (ia < 0) {
      const why = passedUp(ctx, a) ?? reachWords(ctx, flagSet(a));
      const then =
        ib >= 0
          ? ` Meanwhile ${flagWords(drill, b)} happened when the team ${describeRecord(drill, ctx.records[ib]!.record)}.`
          : '';
      if (ib >= 0) ctx.cited.add(ib);
      return `${capitalise(flagWords(drill, a))} never happened. ${why}${then}${unfinished}`;
    }
    ctx.cited.add(ib);
    const sameStep = ia === ib ? ' in the same step, in the wrong order' : '';
    return `${capitalise(flagWords(drill, b))} came first${sameStep}: the team ${describeRecord(drill, ctx.records[ib]!.record)}, before ${flagWords(drill, a)}.`;
  }
  if ('never' in r) {
    const i = setter(ctx, r.never);
    if (i < 0)
      return `The drill was not finished, so it cannot be shown that ${flagWords(drill, r.never)} never happened.`;
    ctx.cited.add(i);
    return `The team ${describeRecord(drill, ctx.records[i]!.record)}, which set ${flagWords(drill, r.never)}.`;
  }
  if ('clock' in r)
    return `${clockWords(drill, r.clock.id)} ended ${clockStatusWords(drill, state, r.clock.id)}, not ${r.clock.status.replace('-', ' ')}.${unfinished}`;
  if ('holds' in r) return `The required state did not hold when the drill ended.${unfinished}`;
  const [injectId, optionId] = r.chose.split('.') as [string, string];
  const title = drill.injects[injectId]?.inject.title ?? injectId;
  const i = ctx.records.findIndex((x) => x.record.inject === injectId);
  if (i < 0)
    return `The team never reached “${title}”. ${reachWords(ctx, (s) => s.cursor.inject === injectId)}${unfinished}`;
  ctx.cited.add(i);
  return `The team ${describeRecord(drill, ctx.records[i]!.record)} instead of “${optionLabel(drill, injectId, optionId)}”.`;
}

function metNote(ctx: Context, e: Expectation, at: number | null): string {
  const { drill } = ctx;
  const r = e.require;
  const by = (flag: string): string => {
    const i = setter(ctx, flag);
    if (i >= 0) ctx.metCited.add(i);
    return i >= 0 ? `the team ${describeRecord(drill, ctx.records[i]!.record)}` : 'it held from the start';
  };
  if ('flag' in r)
    return `Met after ${formatMinutes(at ?? 0)}${r.by ? `, inside the ${formatMinutes(durationMinutes(r.by))} target` : ''}: ${by(r.flag)}.`;
  if ('before' in r) {
    const later = ctx.state.flags[r.before[1]] ? `, before ${flagWords(drill, r.before[1])}` : '';
    return `${capitalise(flagWords(drill, r.before[0]))} first${later}: ${by(r.before[0])}.`;
  }
  if ('never' in r) return `${capitalise(flagWords(drill, r.never))} never happened.`;
  if ('clock' in r) return `${clockWords(drill, r.clock.id)} ended ${r.clock.status.replace('-', ' ')}.`;
  if ('holds' in r) return 'The required state held when the drill ended.';
  const [injectId] = r.chose.split('.') as [string, string];
  const i = ctx.records.findIndex((x) => x.record.inject === injectId);
  if (i < 0) return 'Met.';
  ctx.metCited.add(i);
  return `The team ${describeRecord(drill, ctx.records[i]!.record)}.`;
}

/** The capability an outcome moved most in the given direction (first in vocabulary order on ties). */
function mainCapability(outcome: Pick<Outcome, 'score'> | undefined, sign: 1 | -1, fallback: Capability): Capability {
  let best: Capability | undefined;
  let value = 0;
  for (const c of CAPABILITIES) {
    const v = (outcome?.score[c] ?? 0) * sign;
    if (v > value) [best, value] = [c, v];
  }
  return best ?? fallback;
}

function deltaWords(outcome: Pick<Outcome, 'score'> | undefined): string {
  const parts = CAPABILITIES.filter((c) => outcome?.score[c]).map(
    (c) => `${capabilityLabel(c)} ${outcome!.score[c]! > 0 ? '+' : ''}${outcome!.score[c]}`,
  );
  return parts.length ? parts.join(', ') : 'no score change';
}

const byCapability = (a: Finding, b: Finding): number =>
  CAPABILITIES.indexOf(a.capability as Capability) - CAPABILITIES.indexOf(b.capability as Capability);

/** Strengths and areas for improvement of one team. */
export function buildFindings(
  drill: Drill,
  state: TeamState,
  records: AttributedRecord[],
  results: ExpectationResult[],
  timeline: DecisionEntry[],
): { strengths: Finding[]; improvements: Finding[] } {
  const ctx: Context = { drill, state, records, cited: new Set(), metCited: new Set() };
  // A strength names only the ATLAS mitigations the team applied (the "applied" table), never
  // ones a met task merely maps to: keeping a model you never deleted applies nothing.
  const applied = (ids: string[]): string[] => ids.filter((id) => state.mitigations.includes(id));
  const finished = state.cursor.ending !== undefined;
  const strengths: Finding[] = [];
  const improvements: Finding[] = [];
  drill.scenario.expectations.forEach((e, k) => {
    const result = results[k]!;
    const base = {
      source: 'expectation' as const,
      key: e.id,
      capability: e.capability,
      capabilityLabel: capabilityLabel(e.capability),
      text: e.text,
      at: result.at,
      recommendation: null,
      mitigations: mitigationRefs(e.mitigations),
      csf: e.csf.map(csfRef),
    };
    if (result.met) {
      strengths.push({
        ...base,
        note: metNote(ctx, e, result.at),
        mitigations: mitigationRefs(applied(e.mitigations)),
      });
    } else if (finished || !('never' in e.require)) {
      improvements.push({ ...base, note: missNote(ctx, e) });
    }
  });
  for (const entry of timeline) {
    const i = records.findIndex((r) => r.record.inject === entry.inject);
    const outcome = records[i]?.outcome;
    const phaseCsf = drill.injects[entry.inject]!.phase.csf;
    const at = entry.simAt;
    if (entry.harmful && !ctx.cited.has(i)) {
      const capability = mainCapability(outcome, -1, 'coordination');
      const bestOutcome = entry.best
        ? drill.injects[entry.inject]!.inject.decision!.options.find((o) => o.id === entry.best)
        : undefined;
      const instead = entry.best && entry.best !== entry.chosen ? ` The best option was “${entry.bestLabel}”.` : '';
      improvements.push({
        source: 'decision',
        key: entry.inject,
        capability,
        capabilityLabel: capabilityLabel(capability),
        text:
          entry.kind === 'no-decision'
            ? `No decision in time at “${entry.title}”`
            : `Chose “${entry.chosenLabel}” at “${entry.title}”`,
        at,
        note: `Lost points ${at === 0 ? 'at the start' : `after ${formatMinutes(at)}`}: ${deltaWords(outcome)}.${instead}`,
        recommendation: null,
        mitigations: mitigationRefs(bestOutcome?.mitigations ?? []),
        csf: [csfRef(phaseCsf)],
      });
    } else if (entry.matchedBest && entry.scoreDelta > 0 && !ctx.metCited.has(i)) {
      const capability = mainCapability(outcome, 1, 'coordination');
      strengths.push({
        source: 'decision',
        key: entry.inject,
        capability,
        capabilityLabel: capabilityLabel(capability),
        text: `Chose “${entry.chosenLabel}” at “${entry.title}”`,
        at,
        note: `The best option on offer: ${deltaWords(outcome)}.`,
        recommendation: null,
        mitigations: mitigationRefs(applied(outcome?.mitigations ?? [])),
        csf: [csfRef(phaseCsf)],
      });
    }
  }
  return { strengths: strengths.sort(byCapability), improvements: improvements.sort(byCapability) };
}

/**
 * Projection (rule 5): what one class of recipient may see of an exercise. Classes are
 * `staff` (facilitator, manager: everything), `observer` (every team, read-only, no notes or
 * scores before the debrief) and `team:<id>` (a team's players: their own team only). A patch
 * is computed once per class and sent to that class's socket.io room.
 *
 * Before the debrief, notes, option scores and feedback, log scores and team scores reach
 * staff only; in solo practice the trainee sees the feedback of the option taken at once.
 */
import { durationSeconds } from '../engine/duration.ts';
import { bestOptions, clockResults, outcomeOf as scoreOutcome } from '../engine/outcome.ts';
import type { Drill } from '../engine/drill.ts';
import { roleLabelsOf } from '../engine/roles.ts';
import { displayOrder } from './option-order.ts';
import { ESTATE_PARTS, type Change, type EstatePart, type StepChange } from './change.ts';
import { offeredOptions, type TeamState } from '../engine/team-state.ts';
import { currentInject, voteTie, type ExerciseState, type Player, type TeamRuntime, type Vote } from './state.ts';
import type {
  ExerciseView,
  EstateView,
  ExpectationView,
  HotwashView,
  InjectView,
  LogEntryView,
  Patch,
  PlayerView,
  Seat,
  Snapshot,
  TeamDecisionDelta,
  TeamDecisionView,
  TeamProgressDelta,
  TeamProgressView,
  TeamView,
} from '../../protocol/index.ts';

/** A projection class: `staff`, `observer` or `team:<teamId>`. */
export type RecipientClass = 'staff' | 'observer' | `team:${string}`;

/** The class of a seat (and, for players, their current team). */
export function classOf(seat: Seat, player: Player | undefined): RecipientClass {
  if (seat === 'facilitator' || seat === 'manager') return 'staff';
  if (seat === 'observer' || !player) return 'observer';
  return `team:${player.teamId}`;
}

/**
 * Every class that exists in an exercise right now, in the order a change is sent: the teams
 * first (they are waiting on it to decide), watchers after.
 */
export function classesOf(state: ExerciseState): RecipientClass[] {
  return [...state.teams.map((t): RecipientClass => `team:${t.id}`), 'observer', 'staff'];
}

const revealed = (state: ExerciseState) => state.status === 'debrief' || state.status === 'ended';
const isStaff = (cls: RecipientClass) => cls === 'staff';
const teamOfClass = (cls: RecipientClass) => (cls.startsWith('team:') ? cls.slice(5) : null);

function seesTeam(state: ExerciseState, cls: RecipientClass, teamId: string): boolean {
  const own = teamOfClass(cls);
  return own === null || own === teamId || revealed(state);
}

/** Who is online, as the net layer knows it (volatile). */
export type OnlineCheck = (playerId: string) => boolean;

export function exerciseView(state: ExerciseState): ExerciseView {
  const s = state.scenario.drill.scenario;
  return {
    id: state.id,
    code: state.code,
    scenario: {
      id: s.id,
      version: s.version,
      title: s.title,
      summary: s.summary,
      roles: [...s.roles.in_play],
      lead: s.roles.lead,
      roleLabels: roleLabelsOf(s),
    },
    mode: state.mode,
    solo: state.solo,
    status: state.status,
    createdAt: state.createdAt,
  };
}

function injectView(state: ExerciseState, context: TeamState, injectId: string, cls: RecipientClass): InjectView {
  const { inject, phase } = state.scenario.drill.injects[injectId]!;
  const full = isStaff(cls) || revealed(state);
  const best = bestOf(state.scenario.drill).get(injectId);
  return {
    id: inject.id,
    title: inject.title,
    phase: { id: phase.id, title: phase.title, nist: phase.nist },
    body: inject.body,
    artifacts: inject.artifacts.map((a) => ({ ...a })),
    ...(full && inject.notes ? { notes: inject.notes } : {}),
    ...(inject.decision
      ? {
          decision: {
            prompt: inject.decision.prompt,
            deciders: [...inject.decision.deciders],
            discussSeconds: durationSeconds(inject.decision.discuss),
            // Only the options offered in this team's state (an option with a `when` may not be).
            // in this exercise's shuffled order, so the best option's place in the file gives nothing away
            options: displayOrder(offeredOptions(state.scenario.drill, injectId, context), state.id, injectId).map(
              (o) => ({
                id: o.id,
                label: o.label,
                ...(full
                  ? { score: { ...o.score }, best: o.id === best, ...(o.feedback ? { feedback: o.feedback } : {}) }
                  : {}),
              }),
            ),
          },
        }
      : {}),
  };
}

const bestCache = new WeakMap<Drill, Map<string, string>>();
/** The engine's best option per inject, computed once per drill. */
function bestOf(drill: Drill): Map<string, string> {
  let best = bestCache.get(drill);
  if (!best) bestCache.set(drill, (best = bestOptions(drill)));
  return best;
}

function logEntryView(
  state: ExerciseState,
  team: TeamRuntime,
  record: TeamState['log'][number],
  full: boolean,
): LogEntryView {
  const { drill } = state.scenario;
  const entry = drill.injects[record.inject]!;
  const option = record.option ? entry.inject.decision?.options.find((o) => o.id === record.option) : undefined;
  const feedbackVisible = full || (state.solo && record.kind === 'chosen');
  const decided = team.decisions.findLast((d) => d.injectId === record.inject);
  const outcome = record.kind === 'no-decision' ? (entry.inject.decision?.no_decision ?? undefined) : option;
  return {
    inject: record.inject,
    injectTitle: entry.inject.title,
    option: record.option,
    optionLabel: option?.label ?? null,
    kind: record.kind,
    at: record.at,
    ...(record.kind === 'no-decision' ? { lapsed: decided?.via === 'advance' ? 'advanced' : 'deadline' } : {}),
    ...(full && decided && record.kind !== 'continued'
      ? { support: { for: decided.votes.filter((v) => !v.dissent).length, of: decided.votes.length } }
      : {}),
    ...(feedbackVisible && outcome?.feedback ? { feedback: outcome.feedback } : {}),
    ...(feedbackVisible && outcome ? { score: { ...outcome.score } as Record<string, number> } : {}),
    // solo practice teaches: the best option and why follow each decision at once (V3)
    ...((full || (state.solo && record.kind !== 'continued')) && entry.inject.decision
      ? { best: bestView(drill, record.inject) }
      : {}),
  };
}

/** Each estate part as the views carry it (copies, so a view never aliases the drill state). */
const ESTATE_VIEWS: { [K in EstatePart]: (estate: TeamState['estate']) => EstateView[K] } = {
  models: (estate) => estate.models.map((m) => ({ ...m })),
  endpoints: (estate) => estate.endpoints.map((e) => ({ ...e, traffic: { ...e.traffic } })),
  pipelines: (estate) => estate.pipelines.map((p) => ({ ...p })),
  evidence: (estate) => estate.evidence.map((e) => ({ ...e })),
  metrics: (estate) =>
    estate.metrics.map((m) => ({ id: m.id, label: m.label, unit: m.unit, rate: m.rate, total: Math.round(m.total) })),
  retrieval: (estate) =>
    estate.retrieval?.map((r) => ({
      ...r,
      namespaces: r.namespaces.map((n) => ({ ...n })),
      sources: r.sources.map((x) => ({ ...x })),
      snapshots: r.snapshots.map(({ id, label }) => ({ id, ...(label ? { label } : {}) })),
    })),
  agents: (estate) =>
    estate.agents?.map(({ session_binding: sessionBinding, tools, ...a }) => ({
      ...a,
      sessionBinding,
      tools: tools.map((t) => ({ ...t })),
    })),
  datasets: (estate) => estate.datasets?.map((d) => ({ ...d, shards: d.shards.map((s) => ({ ...s })) })),
  credentials: (estate) => estate.credentials?.map((c) => ({ ...c })),
};

function estateView(estate: TeamState['estate'], parts: readonly EstatePart[]): Partial<EstateView> {
  const view: Partial<EstateView> = {};
  for (const part of parts) {
    const value = ESTATE_VIEWS[part](estate);
    // The kinds a drill does not declare (retrieval stores, agents…) are left out, not sent empty.
    if (value !== undefined) (view as Record<EstatePart, unknown>)[part] = value;
  }
  return view;
}

/** What a step shows in every patch: where the story is, the clocks, and staff's running scores. */
function storyView(state: ExerciseState, team: TeamRuntime, cls: RecipientClass) {
  const { drill } = state.scenario;
  const context = team.snapshot.context;
  const injectId = currentInject(team);
  const ending = context.cursor.ending ? drill.endings[context.cursor.ending]! : null;
  const full = isStaff(cls) || revealed(state);
  return {
    simMinutes: context.simMinutes,
    inject: injectId === undefined ? null : injectView(state, context, injectId, cls),
    ending: ending ? { id: ending.id, title: ending.title, kind: ending.kind, body: ending.body } : null,
    clocks: clockResults(drill, context).map((c) => ({
      id: c.id,
      label: c.label,
      kind: c.kind,
      limitMinutes: c.limitMinutes,
      status: c.status,
      startedAt: c.startedAt,
      elapsedMinutes: c.elapsedMinutes,
    })),
    ...(full ? { score: { ...context.score } } : {}),
    ...(full || (state.solo && ending) ? { expectations: expectationsOf(state, context) } : {}),
  };
}

function progressView(state: ExerciseState, team: TeamRuntime, cls: RecipientClass): TeamProgressView {
  const context = team.snapshot.context;
  const full = isStaff(cls) || revealed(state);
  return {
    ...storyView(state, team, cls),
    estate: estateView(context.estate, ESTATE_PARTS) as EstateView,
    log: context.log.map((record) => logEntryView(state, team, record, full)),
    adHoc: team.adHoc.map((a) => ({ ...a })),
    ...(revealed(state) ? { reportPath: `/api/exercises/${state.id}/report.html` } : {}),
  };
}

/**
 * What a step changed (P5a): the story, the new log entries and the estate parts the step
 * replaced. Visibility never narrows during play, so merging this into the progress view of the
 * version before gives the progress view of this version.
 */
function progressDeltaView(
  state: ExerciseState,
  team: TeamRuntime,
  cls: RecipientClass,
  step: StepChange,
): TeamProgressDelta {
  const context = team.snapshot.context;
  const full = isStaff(cls) || revealed(state);
  return {
    ...storyView(state, team, cls),
    logFrom: step.logFrom,
    log: context.log.slice(step.logFrom).map((record) => logEntryView(state, team, record, full)),
    estate: estateView(context.estate, step.estate),
  };
}

/** The best option at an inject with its feedback (why it is best). */
function bestView(drill: Drill, injectId: string): LogEntryView['best'] {
  const bestId = bestOf(drill).get(injectId);
  const option = drill.injects[injectId]?.inject.decision?.options.find((o) => o.id === bestId);
  return option
    ? { option: option.id, label: option.label, ...(option.feedback ? { feedback: option.feedback } : {}) }
    : null;
}

/** Expectations met and missed for a team, as the gap report judges them. */
function expectationsOf(state: ExerciseState, context: TeamRuntime['snapshot']['context']): ExpectationView[] {
  const outcome = scoreOutcome(state.scenario.drill, state.scenario.stats, context);
  return outcome.expectations.map((e) => ({ id: e.id, capability: e.capability, text: e.text, met: e.met, at: e.at }));
}

function voteView(playerId: string, v: Vote): TeamDecisionView['votes'][number] {
  return { playerId, option: v.option, ...(v.reason ? { reason: v.reason } : {}) };
}

function decisionView(state: ExerciseState, team: TeamRuntime): TeamDecisionView {
  const tied = voteTie(state, team);
  return {
    injectId: currentInject(team) ?? null,
    votes: [...team.votes].map(([playerId, v]) => voteView(playerId, v)),
    ...(tied ? { tied } : {}),
    deadline: team.deadline,
    remainingMs: team.remainingMs,
    openedAt: team.openedAt,
  };
}

/** The votes of these players as they stand now (P5b). */
function decisionDeltaView(state: ExerciseState, team: TeamRuntime, playerIds: readonly string[]): TeamDecisionDelta {
  const tied = voteTie(state, team);
  return {
    votes: playerIds.flatMap((id) => {
      const v = team.votes.get(id);
      return v ? [voteView(id, v)] : [];
    }),
    ...(tied ? { tied } : {}),
  };
}

function teamView(state: ExerciseState, team: TeamRuntime, cls: RecipientClass): TeamView {
  return {
    id: team.id,
    name: team.name,
    progress: progressView(state, team, cls),
    decision: decisionView(state, team),
  };
}

function playersView(state: ExerciseState, cls: RecipientClass, online: OnlineCheck): PlayerView[] {
  return [...state.players.values()]
    .filter((p) => !p.removed && seesTeam(state, cls, p.teamId))
    .map((p) => ({ id: p.id, name: p.name, teamId: p.teamId, role: p.role, online: online(p.id) }));
}

function hotwashView(state: ExerciseState, cls: RecipientClass): HotwashView[] {
  const own = teamOfClass(cls);
  return [...state.hotwash.values()]
    .filter((h) => own === null || state.players.get(h.playerId)?.teamId === own)
    .map((h) => ({ ...h, confidence: { ...h.confidence } }));
}

/** A full snapshot for one recipient. */
export function projectSnapshot(
  state: ExerciseState,
  cls: RecipientClass,
  me: Snapshot['me'],
  online: OnlineCheck,
): Snapshot {
  return {
    version: state.version,
    exercise: exerciseView(state),
    teams: state.teams.filter((t) => seesTeam(state, cls, t.id)).map((t) => teamView(state, t, cls)),
    players: playersView(state, cls, online),
    me,
    hotwash: hotwashView(state, cls),
  };
}

/** The patch one class receives for a change; `{version}` alone when it sees nothing of it (P5). */
export function projectPatch(state: ExerciseState, change: Change, cls: RecipientClass, online: OnlineCheck): Patch {
  const patch: Patch = { version: state.version };
  if (change.exercise || change.all) patch.exercise = exerciseView(state);
  if (change.players || change.all) patch.players = playersView(state, cls, online);
  if (change.hotwash || change.all) patch.hotwash = hotwashView(state, cls);
  const teams: NonNullable<Patch['teams']> = [];
  for (const team of state.teams) {
    if (!seesTeam(state, cls, team.id)) continue;
    const parts = change.all ? { name: true, progress: true, decision: true } : change.teams.get(team.id);
    if (!parts) continue;
    teams.push({
      id: team.id,
      ...(parts.name ? { name: team.name } : {}),
      ...(parts.progress
        ? { progress: progressView(state, team, cls) }
        : parts.step
          ? { progressDelta: progressDeltaView(state, team, cls, parts.step) }
          : {}),
      ...(parts.decision
        ? { decision: decisionView(state, team) }
        : parts.votes
          ? { decisionDelta: decisionDeltaView(state, team, parts.votes) }
          : {}),
    });
  }
  if (teams.length) patch.teams = teams;
  return patch;
}

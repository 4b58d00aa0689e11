/**
 * The exercise reducer: applies one logged event to the state, in place, and reports what
 * changed. Deterministic (rule 9): wall-clock time comes only from the event's `at`, so live
 * play and replay after a restart give the same state. Events reaching here have passed
 * accept.ts; the reducer trusts them.
 */
import { durationSeconds } from '../engine/duration.ts';
import { stepperOf } from '../engine/machine-step.ts';
import { outcomeOf } from '../engine/outcome.ts';
import type { TeamEvent } from '../engine/team-state.ts';
import { noChange, stepBetween, touchTeam, type Change } from './change.ts';
import type { Actor, LogCommand, LoggedEvent } from './events.ts';
import type { ScenarioEntry } from './scenarios.ts';
import {
  allFinished,
  currentInject,
  everyoneVoted,
  newTeam,
  roleOfPlayer,
  teamById,
  type DecisionVia,
  type ExerciseState,
  type ExerciseStatus,
  type TeamRuntime,
} from './state.ts';
import { leadingOption } from './tally.ts';

/** Builds an exercise from its first logged event (`created`). */
export function createState(exerciseId: string, event: LoggedEvent, scenario: ScenarioEntry): ExerciseState {
  const body = event.body;
  if (body.type !== 'created')
    throw new Error(`exercise ${exerciseId}: the log starts with "${body.type}", expected "created"`);
  const state: ExerciseState = {
    id: exerciseId,
    code: body.code,
    scenario,
    mode: body.mode,
    solo: body.solo,
    status: 'lobby',
    createdAt: event.at,
    facilitatorName: body.facilitatorName ?? null,
    rewoundFrom: body.rewoundFrom ? { ...body.rewoundFrom } : null,
    teams: body.teams.map((t) => newTeam(scenario, t.id, t.name)),
    players: new Map(),
    hotwash: new Map(),
    adHocSeq: 0,
    version: event.version,
  };
  if (body.solo) start(state, event.at, noChange());
  return state;
}

/** Applies one event after `created`; returns what changed. */
export function applyEvent(state: ExerciseState, event: LoggedEvent): Change {
  const change = noChange();
  const { body, at } = event;
  switch (body.type) {
    case 'created':
      throw new Error(`exercise ${state.id}: a second "created" event at version ${event.version}`);
    case 'joined':
      state.players.set(body.playerId, {
        id: body.playerId,
        name: body.name,
        teamId: body.teamId,
        role: body.role,
        removed: false,
        joinedAt: at,
      });
      change.players = true;
      // a newcomer who has not voted ends a tie (voteTie counts members)
      if (teamById(state, body.teamId)?.votes.size) touchTeam(change, body.teamId, { decision: true });
      break;
    case 'command':
      applyCommand(state, body.command, event.actor, at, change);
      break;
    case 'deadline': {
      const team = teamById(state, body.teamId)!;
      resolveNow(state, team, 'deadline', at, change);
      break;
    }
    case 'restarted':
      for (const team of state.teams) {
        if (team.deadline === null) continue;
        team.deadline = at + Math.max(0, team.deadline - body.downAt);
        touchTeam(change, team.id, { decision: true });
      }
      break;
  }
  state.version = event.version;
  return change;
}

function applyCommand(
  state: ExerciseState,
  command: LogCommand,
  actor: Actor | null,
  at: number,
  change: Change,
): void {
  const playerId = actor?.playerId ?? null;
  const player = playerId ? state.players.get(playerId) : undefined;
  const playerTeam = player ? teamById(state, player.teamId) : undefined;
  switch (command.type) {
    case 'start':
      start(state, at, change);
      return;
    case 'pause':
      setStatus(state, 'paused', change);
      for (const team of state.teams) {
        if (team.deadline === null) continue;
        team.remainingMs = Math.max(0, team.deadline - at);
        team.deadline = null;
        touchTeam(change, team.id, { decision: true });
      }
      return;
    case 'resume':
      setStatus(state, 'running', change);
      for (const team of state.teams) {
        if (team.remainingMs === null) continue;
        team.deadline = at + team.remainingMs;
        team.remainingMs = null;
        touchTeam(change, team.id, { decision: true });
      }
      return;
    case 'advance':
      resolveNow(state, teamById(state, command.teamId)!, 'advance', at, change);
      return;
    case 'skip':
      decide(state, teamById(state, command.teamId)!, { type: 'SKIP' }, 'skip', null, at, change);
      return;
    case 'extend': {
      const team = teamById(state, command.teamId)!;
      if (team.deadline !== null) team.deadline += command.seconds * 1000;
      else if (team.remainingMs !== null) team.remainingMs += command.seconds * 1000;
      touchTeam(change, team.id, { decision: true });
      return;
    }
    case 'inject': {
      state.adHocSeq += 1;
      const item = { id: `adhoc-${state.adHocSeq}`, title: command.title, body: command.body, sentAt: at };
      for (const team of state.teams) {
        if (command.teamId !== 'all' && command.teamId !== team.id) continue;
        team.adHoc.push(item);
        touchTeam(change, team.id, { progress: true });
      }
      return;
    }
    case 'move': {
      const moved = state.players.get(command.playerId)!;
      const from = teamById(state, moved.teamId);
      from?.votes.delete(moved.id);
      // both teams' member counts change, and with them whether a vote is tied
      if (from) touchTeam(change, from.id, { decision: true });
      touchTeam(change, command.teamId, { decision: true });
      moved.teamId = command.teamId;
      moved.role = command.role;
      change.players = true;
      change.resync.push(moved.id);
      maybeCommitVotes(state, teamById(state, command.teamId)!, at, change);
      if (from) maybeCommitVotes(state, from, at, change);
      return;
    }
    case 'remove': {
      const removed = state.players.get(command.playerId)!;
      removed.removed = true;
      const from = teamById(state, removed.teamId);
      from?.votes.delete(removed.id);
      if (from) touchTeam(change, from.id, { decision: true });
      change.players = true;
      change.removed.push(removed.id);
      if (from) maybeCommitVotes(state, from, at, change);
      return;
    }
    case 'add-team': {
      const team = newTeam(state.scenario, `t${state.teams.length + 1}`, command.name);
      state.teams.push(team);
      if (state.status === 'running' || state.status === 'paused') openDecision(state, team, at);
      touchTeam(change, team.id, { name: true, progress: true, decision: true });
      return;
    }
    case 'set-mode':
      state.mode = command.mode;
      change.exercise = true;
      for (const team of state.teams) maybeCommitVotes(state, team, at, change);
      return;
    case 'record':
      decide(
        state,
        teamById(state, command.teamId)!,
        { type: 'CHOOSE', option: command.option },
        'facilitator',
        null,
        at,
        change,
      );
      return;
    case 'end':
      if (state.status === 'debrief') {
        setStatus(state, 'ended', change);
        storeOutcomes(state, change);
      } else enterDebrief(state, change);
      return;
    case 'vote':
      if (state.solo) {
        decide(state, playerTeam!, { type: 'CHOOSE', option: command.option }, 'solo', playerId, at, change);
        return;
      }
      playerTeam!.votes.set(playerId!, {
        option: command.option,
        at,
        ...(command.reason ? { reason: command.reason } : {}),
      });
      touchTeam(change, playerTeam!.id, { votes: [playerId!] });
      maybeCommitVotes(state, playerTeam!, at, change);
      return;
    case 'commit':
      decide(
        state,
        playerTeam!,
        { type: 'CHOOSE', option: command.option },
        state.solo ? 'solo' : 'lead',
        playerId,
        at,
        change,
      );
      return;
    case 'continue':
      decide(state, playerTeam!, { type: 'CONTINUE' }, 'continue', playerId, at, change);
      return;
    case 'hotwash': {
      const view = {
        playerId: playerId!,
        worked: command.worked,
        didNot: command.didNot,
        confidence: { ...command.confidence },
        at,
      };
      state.hotwash.set(playerId!, view);
      change.hotwash = true;
      change.records.push({ kind: 'hotwash', hotwash: view });
      return;
    }
  }
}

function start(state: ExerciseState, at: number, change: Change): void {
  setStatus(state, 'running', change);
  for (const team of state.teams) {
    openDecision(state, team, at);
    touchTeam(change, team.id, { decision: true });
  }
}

function setStatus(state: ExerciseState, status: ExerciseStatus, change: Change): void {
  state.status = status;
  change.exercise = true;
  change.records.push({ kind: 'status', status });
}

/** Clears votes and sets the discussion deadline for the inject a team has reached. */
function openDecision(state: ExerciseState, team: TeamRuntime, at: number): void {
  team.votes.clear();
  team.deadline = null;
  team.remainingMs = null;
  const injectId = currentInject(team);
  team.openedAt = injectId === undefined ? null : at;
  const decision = injectId === undefined ? undefined : state.scenario.drill.injects[injectId]!.inject.decision;
  if (!decision || state.solo) return;
  const ms = durationSeconds(decision.discuss) * 1000;
  if (state.status === 'running') team.deadline = at + ms;
  else if (state.status === 'paused') team.remainingMs = ms;
}

/** Resolves the current inject now (deadline or facilitator advance). */
function resolveNow(state: ExerciseState, team: TeamRuntime, via: DecisionVia, at: number, change: Change): void {
  const injectId = currentInject(team)!;
  if (!state.scenario.drill.injects[injectId]!.inject.decision) {
    decide(state, team, { type: 'CONTINUE' }, via, null, at, change);
    return;
  }
  const leading =
    state.mode === 'vote'
      ? leadingOption(team.votes, roleOfPlayer(state), state.scenario.drill.scenario.roles.lead)
      : null;
  decide(
    state,
    team,
    leading === null ? { type: 'NO_DECISION' } : { type: 'CHOOSE', option: leading },
    via,
    null,
    at,
    change,
  );
}

/** Vote mode: once every member has voted, the leading option commits (a lead-less tie waits). */
function maybeCommitVotes(state: ExerciseState, team: TeamRuntime, at: number, change: Change): void {
  if (state.mode !== 'vote' || state.status !== 'running' || state.solo) return;
  const injectId = currentInject(team);
  if (injectId === undefined || !state.scenario.drill.injects[injectId]!.inject.decision) return;
  if (!everyoneVoted(state, team)) return;
  const leading = leadingOption(team.votes, roleOfPlayer(state), state.scenario.drill.scenario.roles.lead);
  if (leading !== null) decide(state, team, { type: 'CHOOSE', option: leading }, 'vote', null, at, change);
}

/** Moves a team's machine, records the decision for the report and opens the next one. */
function decide(
  state: ExerciseState,
  team: TeamRuntime,
  event: TeamEvent,
  via: DecisionVia,
  by: string | null,
  at: number,
  change: Change,
): void {
  const injectId = currentInject(team)!;
  const option = event.type === 'CHOOSE' ? event.option : null;
  const before = team.snapshot.context;
  team.snapshot = stepperOf(state.scenario.machine).next(team.snapshot, event);
  const kind =
    event.type === 'CHOOSE'
      ? 'chosen'
      : event.type === 'NO_DECISION'
        ? 'no-decision'
        : event.type === 'SKIP'
          ? 'skipped'
          : 'continued';
  const votes = [...team.votes].map(([playerId, vote]) => ({
    playerId,
    role: state.players.get(playerId)?.role ?? null,
    option: vote.option,
    ...(vote.reason ? { reason: vote.reason } : {}),
    dissent: vote.option !== option,
  }));
  const decision = {
    injectId,
    option,
    kind,
    via,
    by,
    byRole: by ? (state.players.get(by)?.role ?? null) : null,
    openedAt: team.openedAt,
    decidedAt: at,
    votes,
  } as const;
  team.decisions.push(decision);
  change.records.push({ kind: 'decision', teamId: team.id, decision });
  openDecision(state, team, at);
  touchTeam(change, team.id, { step: stepBetween(before, team.snapshot.context), decision: true });
  if (allFinished(state) && (state.status === 'running' || state.status === 'paused')) enterDebrief(state, change);
}

function enterDebrief(state: ExerciseState, change: Change): void {
  setStatus(state, 'debrief', change);
  for (const team of state.teams) {
    team.deadline = null;
    team.remainingMs = null;
  }
  change.all = true;
  storeOutcomes(state, change);
}

function storeOutcomes(state: ExerciseState, change: Change): void {
  const { drill, stats } = state.scenario;
  for (const team of state.teams) {
    change.records.push({ kind: 'outcome', teamId: team.id, outcome: outcomeOf(drill, stats, team.snapshot.context) });
  }
}

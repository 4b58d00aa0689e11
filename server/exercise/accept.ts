/**
 * The checks a command passes before it is applied, in the fixed order of rule 2 after the
 * schema: who is asking (seat, role, team), then whether the current state accepts it
 * (status, mode, and the engine's `accepts`, the rule the team machine's guards apply). Each
 * refusal names what was expected.
 */
import type { Command, ErrorCode } from '../../protocol/index.ts';
import { accepts, offeredOptions } from '../engine/team-state.ts';
import type { Actor } from './events.ts';
import { currentInject, leaderOf, teamById, type ExerciseState, type TeamRuntime } from './state.ts';

export interface Refusal {
  code: ErrorCode;
  message: string;
}

const FACILITATOR_COMMANDS = new Set<Command['type']>([
  'start',
  'pause',
  'resume',
  'advance',
  'skip',
  'extend',
  'inject',
  'move',
  'remove',
  'add-team',
  'set-mode',
  'record',
  'end',
]);
const PLAYER_COMMANDS = new Set<Command['type']>(['vote', 'commit', 'continue', 'hotwash']);

const refuse = (code: ErrorCode, message: string): Refusal => ({ code, message });

/** Rule 2, step 2: may this seat send this command at all? */
export function authorize(state: ExerciseState, actor: Actor, command: Command): Refusal | null {
  if (actor.seat === 'observer' || actor.seat === 'manager')
    return refuse('FORBIDDEN', `${actor.seat}s watch read-only; "${command.type}" is not allowed`);
  if (actor.seat === 'facilitator') {
    if (state.solo) return refuse('FORBIDDEN', 'solo practice has no facilitator');
    return FACILITATOR_COMMANDS.has(command.type)
      ? null
      : refuse('FORBIDDEN', `"${command.type}" is a player command; the facilitator uses "record" or "advance"`);
  }
  const player = actor.playerId ? state.players.get(actor.playerId) : undefined;
  if (!player || player.removed) return refuse('FORBIDDEN', 'this player was removed from the exercise');
  if (PLAYER_COMMANDS.has(command.type)) return null;
  if (state.solo && command.type === 'end') return null;
  return refuse('FORBIDDEN', `"${command.type}" is a facilitator command`);
}

/** Rule 2, step 3: does the current state accept the command? */
export function accept(state: ExerciseState, actor: Actor, command: Command): Refusal | null {
  if (state.status === 'ended') return refuse('NOT_NOW', 'the exercise has ended');
  const player = actor.playerId ? state.players.get(actor.playerId) : undefined;
  switch (command.type) {
    case 'start':
      return state.status === 'lobby'
        ? null
        : refuse('NOT_NOW', `the exercise is ${state.status}; start works in the lobby`);
    case 'pause':
      return state.status === 'running'
        ? null
        : refuse('NOT_NOW', `the exercise is ${state.status}; only a running exercise can pause`);
    case 'resume':
      return state.status === 'paused'
        ? null
        : refuse('NOT_NOW', `the exercise is ${state.status}; only a paused exercise can resume`);
    case 'advance':
    case 'skip':
      return inPlay(state, command.teamId, command.inject, ['running', 'paused']);
    case 'extend': {
      const refusal = inPlay(state, command.teamId, undefined, ['running', 'paused']);
      if (refusal) return refusal;
      const team = teamById(state, command.teamId)!;
      return team.deadline !== null || team.remainingMs !== null
        ? null
        : refuse('NOT_NOW', `team "${team.name}" has no discussion deadline to extend`);
    }
    case 'inject':
      if (state.status === 'debrief')
        return refuse('NOT_NOW', 'the exercise is in debrief; injects are for lobby and play');
      return command.teamId === 'all' || teamById(state, command.teamId)
        ? null
        : refuse('NOT_FOUND', `no team "${command.teamId}"; expected "all" or one of ${teamIds(state)}`);
    case 'move': {
      const target = state.players.get(command.playerId);
      if (!target || target.removed) return refuse('NOT_FOUND', `no player "${command.playerId}" in this exercise`);
      if (!teamById(state, command.teamId))
        return refuse('NOT_FOUND', `no team "${command.teamId}"; expected one of ${teamIds(state)}`);
      const roles = state.scenario.drill.scenario.roles.in_play;
      if (!roles.includes(command.role as never))
        return refuse('INVALID', `role "${command.role}" is not in play; expected one of ${roles.join(', ')}`);
      if (state.status === 'debrief') return refuse('NOT_NOW', 'the exercise is in debrief');
      const leader =
        command.role === state.scenario.drill.scenario.roles.lead ? leaderOf(state, command.teamId) : undefined;
      return leader && leader.id !== target.id
        ? refuse(
            'NOT_NOW',
            `${leader.name} already leads ${teamById(state, command.teamId)!.name}; give them another role first, then hand the lead role over`,
          )
        : null;
    }
    case 'remove': {
      const target = state.players.get(command.playerId);
      return target && !target.removed ? null : refuse('NOT_FOUND', `no player "${command.playerId}" in this exercise`);
    }
    case 'add-team':
      if (state.teams.length >= 20) return refuse('NOT_NOW', 'an exercise has at most 20 teams');
      return state.status === 'debrief' ? refuse('NOT_NOW', 'the exercise is in debrief') : null;
    case 'set-mode':
      return state.status === 'debrief' ? refuse('NOT_NOW', 'the exercise is in debrief') : null;
    case 'record': {
      if (state.mode !== 'facilitator')
        return refuse(
          'NOT_NOW',
          `the decision mode is "${state.mode}"; "record" is for facilitator mode (use "advance" to resolve now)`,
        );
      return (
        inPlay(state, command.teamId, command.inject, ['running']) ??
        can(teamById(state, command.teamId)!, { type: 'CHOOSE', option: command.option }, state)
      );
    }
    case 'end':
      return null;
    case 'vote':
    case 'commit': {
      const refusal = inPlay(state, player!.teamId, command.inject, ['running']);
      if (refusal) return refusal;
      if (command.type === 'commit' && !state.solo) {
        if (state.mode !== 'lead')
          return refuse('NOT_NOW', `the decision mode is "${state.mode}"; "commit" is for lead mode (send "vote")`);
        const lead = state.scenario.drill.scenario.roles.lead;
        if (player!.role !== lead)
          return refuse('FORBIDDEN', `only the lead role (${lead}) commits in lead mode; your role is ${player!.role}`);
      }
      return can(teamById(state, player!.teamId)!, { type: 'CHOOSE', option: command.option }, state);
    }
    case 'continue':
      return (
        inPlay(state, player!.teamId, command.inject, ['running']) ??
        can(teamById(state, player!.teamId)!, { type: 'CONTINUE' }, state)
      );
    case 'hotwash':
      return state.status === 'debrief'
        ? null
        : refuse('NOT_NOW', `hot-wash answers are taken in the debrief; the exercise is ${state.status}`);
  }
}

function inPlay(state: ExerciseState, teamId: string, inject: string | undefined, statuses: string[]): Refusal | null {
  if (!statuses.includes(state.status))
    return refuse('NOT_NOW', `the exercise is ${state.status}; expected ${statuses.join(' or ')}`);
  const team = teamById(state, teamId);
  if (!team) return refuse('NOT_FOUND', `no team "${teamId}"; expected one of ${teamIds(state)}`);
  const current = currentInject(team);
  if (current === undefined) return refuse('NOT_NOW', `team "${team.name}" has reached an ending`);
  if (inject !== undefined && inject !== current)
    return refuse('STALE', `the team has moved on from inject "${inject}" to "${current}"`);
  return null;
}

function can(
  team: TeamRuntime,
  event: { type: 'CHOOSE'; option: string } | { type: 'CONTINUE' },
  state: ExerciseState,
): Refusal | null {
  // accepts() is the rule the machine's guards apply; snapshot.can() would run the whole step
  // (its guards ask the reducer where the event leads) for every vote just to check the option
  if (accepts(state.scenario.drill, team.snapshot.context, event)) return null;
  const injectId = currentInject(team)!;
  const decision = state.scenario.drill.injects[injectId]!.inject.decision;
  if (event.type === 'CONTINUE') return refuse('NOT_NOW', `inject "${injectId}" waits for a decision, not "continue"`);
  if (!decision) return refuse('NOT_NOW', `inject "${injectId}" has no decision; send "continue"`);
  const offered = offeredOptions(state.scenario.drill, injectId, team.snapshot.context);
  return refuse(
    'INVALID',
    `"${event.option}" is not an option at inject "${injectId}"; expected one of ${offered.map((o) => o.id).join(', ')}`,
  );
}

function teamIds(state: ExerciseState): string {
  return state.teams.map((t) => t.id).join(', ');
}

/**
 * An exercise history made from headless play (`breachdrill run --report`, tests): each team's
 * decisions get deterministic timestamps (a fixed start and a fixed time per decision) and a
 * single player holding the drill's lead role casts the deciding vote. Nothing is read from the
 * clock, so the same playthrough always gives the same history and report. Those wall times are
 * made up, and the history says so (`wallClock: 'synthetic'`): the report labels them.
 */
import { createHash } from 'node:crypto';
import type { Drill } from '../engine/drill.ts';
import type { Playthrough } from '../engine/playthrough.ts';
import type { ExerciseHistory, HistoryDecision, HistoryTeam } from './history.ts';

/** One team's headless run. */
export interface PlayedTeam {
  name: string;
  /** Defaults to a slug of the name. */
  id?: string;
  playthrough: Playthrough;
  /** The solo player's name; default "Solo player". */
  playerName?: string;
}

export interface FromPlaythroughOptions {
  /** Epoch ms at which play starts (a fixed number: the report prints dates from it). */
  start: number;
  /** Wall seconds each decision takes; default 60. */
  secondsPerDecision?: number;
  exerciseId?: string;
  facilitator?: string | null;
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'team';

/** A stand-in for the stored event log's hash chain: sha256 over each decision in order. */
function chainHead(teams: HistoryTeam[]): { events: number; head: string } {
  let head = '0'.repeat(64);
  let events = 0;
  for (const team of teams) {
    for (const d of team.decisions) {
      head = createHash('sha256')
        .update(head)
        .update('\n')
        .update(JSON.stringify([team.id, d.inject, d.kind, d.option, d.closedAt]))
        .digest('hex');
      events += 1;
    }
  }
  return { events, head };
}

function playedTeam(drill: Drill, team: PlayedTeam, start: number, stepMs: number): HistoryTeam {
  const id = team.id ?? slug(team.name);
  const playerId = `${id}-solo`;
  const name = team.playerName ?? 'Solo player';
  const role = drill.scenario.roles.lead;
  const decisions: HistoryDecision[] = team.playthrough.state.log.map((record, i) => {
    const openedAt = start + i * stepMs;
    const closedAt = openedAt + stepMs;
    return {
      inject: record.inject,
      openedAt,
      closedAt,
      option: record.option,
      kind: record.kind,
      settledBy: record.kind === 'skipped' ? 'skip' : 'solo',
      votes:
        record.kind === 'chosen' && record.option !== null
          ? [{ playerId, name, role, option: record.option, at: closedAt }]
          : [],
    };
  });
  return {
    id,
    name: team.name,
    players: [{ id: playerId, name, role }],
    state: team.playthrough.state,
    decisions,
    adHocInjects: [],
  };
}

/** A history for one or more headless runs; one team means a solo run. */
export function historyFromPlaythroughs(
  drill: Drill,
  teams: PlayedTeam[],
  options: FromPlaythroughOptions,
): ExerciseHistory {
  const stepMs = (options.secondsPerDecision ?? 60) * 1000;
  const built = teams.map((t) => playedTeam(drill, t, options.start, stepMs));
  const longest = Math.max(0, ...built.map((t) => t.decisions.length));
  const solo = teams.length === 1;
  return {
    exercise: {
      id: options.exerciseId ?? `run-${drill.scenario.id}-${options.start}`,
      code: 'SOLO',
      mode: solo ? 'lead' : 'vote',
      solo,
      facilitator: options.facilitator ?? null,
      createdAt: options.start,
      startedAt: options.start,
      endedAt: options.start + longest * stepMs,
      status: 'ended',
    },
    scenario: { id: drill.scenario.id, version: drill.scenario.version },
    teams: built,
    hotwash: [],
    anonymousHotwash: false,
    plan: [],
    wallClock: 'synthetic',
    integrity: { ...chainHead(built), verified: true },
    later: [],
  };
}

/** A solo history from one headless run (`breachdrill run FILE --report FORMAT`). */
export function historyFromPlaythrough(
  drill: Drill,
  teamName: string,
  playthrough: Playthrough,
  options: FromPlaythroughOptions,
): ExerciseHistory {
  return historyFromPlaythroughs(drill, [{ name: teamName, playthrough }], options);
}

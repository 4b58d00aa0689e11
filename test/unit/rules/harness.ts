/**
 * A bench for the exercise rules without sockets or SQLite: the mini drill compiled once, and
 * an exercise driven the way the room drives it (authorize → accept → applyEvent with the next
 * version) at a clock the test moves. Every call is synchronous and takes microseconds.
 */
import { readFileSync } from 'node:fs';
import type { Command, Snapshot } from '../../../protocol/index.ts';
import { accept, authorize, type Refusal } from '../../../server/exercise/accept.ts';
import { applyEvent, createState } from '../../../server/exercise/apply.ts';
import type { Change } from '../../../server/exercise/change.ts';
import type { Actor, EventBody, LoggedEvent } from '../../../server/exercise/events.ts';
import { logCommandOf } from '../../../server/exercise/log-command.ts';
import { classOf, projectSnapshot, type RecipientClass } from '../../../server/exercise/projection.ts';
import { compileScenario, type ScenarioEntry } from '../../../server/exercise/scenarios.ts';
import type { ExerciseState } from '../../../server/exercise/state.ts';
import { MINI } from '../../helpers/server.ts';

/** The mini drill: roles ir-lead (the lead) and ml-engineer; `alert` (snapshot, delete, wait; 2 min), then `pipeline` (pause, leave). */
export const MINI_DRILL: ScenarioEntry = compileScenario(readFileSync(MINI, 'utf8'), 'mini.yaml');

export const FACILITATOR: Actor = { seat: 'facilitator', playerId: null };
export const OBSERVER: Actor = { seat: 'observer', playerId: null };
export const player = (playerId: string): Actor => ({ seat: 'player', playerId });

export const START_AT = 1_700_000_000_000;

export interface ExerciseOptions {
  /** The mini drill unless given. */
  drill?: ScenarioEntry;
  mode?: 'vote' | 'lead' | 'facilitator';
  solo?: boolean;
  teams?: string[];
}

export class RuleExercise {
  readonly state: ExerciseState;
  readonly log: LoggedEvent[] = [];
  at = START_AT;

  constructor(options: ExerciseOptions = {}) {
    const teams = (options.teams ?? ['Blue team']).map((name, i) => ({ id: `t${i + 1}`, name }));
    const drill = options.drill ?? MINI_DRILL;
    const created: LoggedEvent = {
      version: 1,
      at: this.at,
      actor: FACILITATOR,
      commandId: null,
      body: {
        type: 'created',
        code: 'ABCDEF',
        scenario: { id: drill.drill.scenario.id, version: drill.drill.scenario.version, hash: drill.hash },
        mode: options.mode ?? 'vote',
        solo: options.solo ?? false,
        teams,
      },
    };
    this.state = createState('ex1', created, drill);
    this.log.push(created);
  }

  /** Moves the clock on. */
  tick(ms: number): this {
    this.at += ms;
    return this;
  }

  /** Applies a server-made event (join, deadline, restart) as the next version. */
  event(body: EventBody, actor: Actor | null = null): Change {
    const event: LoggedEvent = { version: this.state.version + 1, at: this.at, actor, commandId: null, body };
    const change = applyEvent(this.state, event);
    this.log.push(event);
    return change;
  }

  join(playerId: string, teamId = 't1', role = 'ml-engineer'): this {
    this.event({ type: 'joined', playerId, name: `Name of ${playerId}`, teamId, role });
    return this;
  }

  /** A command through the room's checks; the refusal, or what the accepted command changed. */
  send(actor: Actor, command: Command): { refusal: Refusal } | { change: Change } {
    const refusal = authorize(this.state, actor, command) ?? accept(this.state, actor, command);
    if (refusal) return { refusal };
    return { change: this.event({ type: 'command', command: logCommandOf(command) }, actor) };
  }

  /** A command that must be accepted; throws with the refusal otherwise. */
  ok(actor: Actor, command: Command): Change {
    const result = this.send(actor, command);
    if ('refusal' in result)
      throw new Error(`${command.type} refused: ${result.refusal.code} ${result.refusal.message}`);
    return result.change;
  }

  team(id = 't1') {
    return this.state.teams.find((t) => t.id === id)!;
  }

  /** What a seat sees now (P6). */
  view(actor: Actor): Snapshot {
    const p = actor.playerId ? this.state.players.get(actor.playerId) : undefined;
    const cls: RecipientClass = classOf(actor.seat, p);
    return projectSnapshot(
      this.state,
      cls,
      { seat: actor.seat, playerId: actor.playerId, teamId: p?.teamId ?? null, role: p?.role ?? null },
      () => true,
    );
  }
}

/** A running vote-mode exercise with one team of a lead (p1) and an engineer (p2), at the `alert` decision. */
export function runningTeam(options: ExerciseOptions = {}): RuleExercise {
  const x = new RuleExercise(options).join('p1', 't1', 'ir-lead').join('p2', 't1', 'ml-engineer');
  x.ok(FACILITATOR, { type: 'start' });
  return x;
}

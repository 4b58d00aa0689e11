/**
 * A scripted stand-in for the server behind a TestSocketPair: it keeps a version, the patches
 * it sent, the acks of the command ids it has seen (idempotency, A5) and the current inject
 * (a vote for another one is STALE, A6). Every accepted vote bumps the version by one and is
 * broadcast as a patch that records the vote.
 */
import type { Ack, CommandEnvelope, Hello, Patch, Snapshot, Welcome } from '../../../protocol/index.ts';
import type { TestSocketPair } from './socket-pair.ts';

export function tinySnapshot(version = 1): Snapshot {
  return {
    version,
    exercise: {
      id: 'ex1',
      code: 'ABCDEF',
      scenario: {
        id: 's',
        version: 1,
        title: 'Drill',
        summary: '',
        roles: ['lead'],
        lead: 'lead',
        roleLabels: { lead: 'Lead' },
      },
      mode: 'vote',
      solo: false,
      status: 'running',
      createdAt: 0,
    },
    teams: [
      {
        id: 't1',
        name: 'Blue team',
        progress: {
          simMinutes: 0,
          inject: null,
          ending: null,
          estate: { models: [], endpoints: [], pipelines: [], evidence: [], metrics: [] },
          clocks: [],
          log: [],
          adHoc: [],
        },
        decision: { injectId: 'i1', votes: [], deadline: null, remainingMs: null },
      },
    ],
    players: [],
    me: { seat: 'player', playerId: 'p1', teamId: 't1', role: 'lead' },
  };
}

export class MiniServer {
  state = tinySnapshot();
  readonly sent: Patch[] = [];
  readonly acks = new Map<string, Ack>();
  /** How many times each command id changed the state. */
  readonly applied = new Map<string, number>();
  inject = 'i1';
  /** Refuse hello with this welcome instead (e.g. FORBIDDEN). */
  refuseHello: Extract<Welcome, { ok: false }> | null = null;

  constructor(readonly pair: TestSocketPair) {
    pair.onHello = (hello) => this.welcome(hello);
    pair.onCommand = (envelope) => this.command(envelope);
  }

  welcome(hello: Hello): Welcome {
    if (this.refuseHello) return this.refuseHello;
    const base = { ok: true as const, protocol: hello.protocol, seat: 'player' as const, version: this.state.version };
    if (hello.lastVersion === null || hello.lastVersion < this.state.version - this.sent.length)
      return { ...base, snapshot: this.state };
    return { ...base, patches: this.sent.filter((p) => p.version > hello.lastVersion!) };
  }

  command({ id, command }: CommandEnvelope): Ack {
    const seen = this.acks.get(id);
    if (seen) return seen;
    let ack: Ack;
    if (command.type === 'vote' && command.inject !== undefined && command.inject !== this.inject) {
      ack = {
        ok: false,
        code: 'STALE',
        message: `the team has moved on from inject "${command.inject}" to "${this.inject}"`,
      };
    } else if (command.type === 'vote') {
      this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
      const decision = {
        ...this.state.teams[0]!.decision,
        votes: [...this.state.teams[0]!.decision.votes, { playerId: 'p1', option: command.option }],
      };
      ack = { ok: true, version: this.change({ teams: [{ id: 't1', decision }] }) };
    } else {
      ack = { ok: false, code: 'NOT_NOW', message: `"${command.type}" is not scripted` };
    }
    this.acks.set(id, ack);
    return ack;
  }

  /** The team moves to the next inject (a vote for the old one is now STALE). */
  moveOn(inject: string): void {
    this.inject = inject;
    this.change({
      teams: [{ id: 't1', decision: { injectId: inject, votes: [], deadline: null, remainingMs: null } }],
    });
  }

  /** Records one change as the next version, broadcasts it unless `silently` (the client misses it), returns the version. */
  change(parts: Omit<Patch, 'version'>, silently = false): number {
    const patch: Patch = { version: this.state.version + 1, ...parts };
    this.sent.push(patch);
    this.state = {
      ...this.state,
      version: patch.version,
      teams: patch.teams
        ? [{ ...this.state.teams[0]!, ...patch.teams[0]! } as Snapshot['teams'][number]]
        : this.state.teams,
    };
    if (!silently) this.pair.push(patch);
    return patch.version;
  }
}

/**
 * Commands against the pure rules (accept.ts, apply.ts) and the room's pipeline, with no socket:
 * who may send what (A2), decision modes (A3), refusals that change nothing (A4), stale
 * decisions (A6), versions (P4), order (A7), idempotency (A5) and deadlines (D1, D3, D4).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../protocol/index.ts';
import type { StoredEvent } from '../../../server/exercise/events.ts';
import { ExerciseRoom } from '../../../server/exercise/room.ts';
import type { Store } from '../../../server/exercise/store/types.ts';
import { compileScenario } from '../../../server/exercise/scenarios.ts';
import { FACILITATOR, OBSERVER, player, runningTeam, RuleExercise, START_AT } from './harness.ts';

const TWO_MINUTES = 120_000;
const FORMAT2 = new URL('../../fixtures/valid/format2.yaml', import.meta.url);

describe('A2: who may send what', () => {
  const facilitatorOnly: Command[] = [
    { type: 'pause' },
    { type: 'advance', teamId: 't1' },
    { type: 'extend', teamId: 't1', seconds: 60 },
    { type: 'end' },
    { type: 'inject', teamId: 'all', title: 'News', body: 'A reporter calls.' },
  ];
  const playerOnly: Command[] = [
    { type: 'vote', option: 'snapshot' },
    { type: 'continue' },
    { type: 'hotwash', worked: 'a', didNot: 'b', confidence: {} },
  ];

  it.each(facilitatorOnly.map((c) => [c.type, c] as const))(
    'A2: "%s" is the facilitator\'s: a player and an observer get FORBIDDEN',
    (_type, command) => {
      const x = runningTeam();
      expect(x.send(player('p1'), command)).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
      expect(x.send(OBSERVER, command)).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
    },
  );

  it.each(playerOnly.map((c) => [c.type, c] as const))(
    'A2: "%s" is a player\'s: the facilitator and an observer get FORBIDDEN',
    (_type, command) => {
      const x = runningTeam();
      expect(x.send(FACILITATOR, command)).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
      expect(x.send(OBSERVER, command)).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
    },
  );
});

describe('A3: decision modes', () => {
  it('A3: vote mode commits the leading option once every member has voted', () => {
    const x = runningTeam();
    x.ok(player('p1'), { type: 'vote', option: 'delete' });
    expect(x.team().snapshot.context.cursor.inject).toBe('alert');
    x.ok(player('p2'), { type: 'vote', option: 'delete' });
    expect(x.team().snapshot.context.cursor.inject).toBe('pipeline');
    expect(x.team().decisions.at(-1)).toMatchObject({ injectId: 'alert', option: 'delete', via: 'vote' });
  });

  it('A3: lead mode: only the lead role commits; a vote is a recommendation', () => {
    const x = runningTeam({ mode: 'lead' });
    x.ok(player('p2'), { type: 'vote', option: 'wait' });
    x.ok(player('p1'), { type: 'vote', option: 'wait' });
    expect(x.team().snapshot.context.cursor.inject).toBe('alert');
    expect(x.send(player('p2'), { type: 'commit', option: 'wait' })).toMatchObject({ refusal: { code: 'FORBIDDEN' } });
    x.ok(player('p1'), { type: 'commit', option: 'snapshot' });
    expect(x.team().decisions.at(-1)).toMatchObject({ option: 'snapshot', via: 'lead' });
  });

  it('A3: facilitator mode: the facilitator records the choice; "record" is refused in other modes', () => {
    expect(runningTeam().send(FACILITATOR, { type: 'record', teamId: 't1', option: 'wait' })).toMatchObject({
      refusal: { code: 'NOT_NOW' },
    });
    const x = runningTeam({ mode: 'facilitator' });
    x.ok(FACILITATOR, { type: 'record', teamId: 't1', option: 'wait' });
    expect(x.team().decisions.at(-1)).toMatchObject({ option: 'wait', via: 'facilitator' });
  });

  it("A3: solo practice: the trainee's vote commits at once", () => {
    const x = new RuleExercise({ solo: true }).join('p1', 't1', 'ir-lead');
    x.ok(player('p1'), { type: 'vote', option: 'snapshot' });
    expect(x.team().snapshot.context.cursor.inject).toBe('pipeline');
  });
});

describe('A4 A6: refusals', () => {
  const refused: Array<{ name: string; command: Command; code: string }> = [
    { name: 'an option that does not exist', command: { type: 'vote', option: 'reboot' }, code: 'INVALID' },
    {
      name: 'a vote for an inject the team has left',
      command: { type: 'vote', option: 'pause', inject: 'alert' },
      code: 'STALE',
    },
    { name: 'a commit in vote mode', command: { type: 'commit', option: 'pause' }, code: 'NOT_NOW' },
    {
      name: 'a hot-wash answer before the debrief',
      command: { type: 'hotwash', worked: 'a', didNot: 'b', confidence: {} },
      code: 'NOT_NOW',
    },
  ];

  it.each(refused)('A4 A6: $name is refused ($code) and changes nothing', ({ command, code }) => {
    const x = runningTeam();
    x.ok(player('p1'), { type: 'vote', option: 'snapshot' });
    x.ok(player('p2'), { type: 'vote', option: 'snapshot' }); // the team moves on to "pipeline"
    const before = { version: x.state.version, staff: x.view(FACILITATOR), team: x.view(player('p1')) };
    expect(x.send(player('p2'), command)).toMatchObject({ refusal: { code } });
    expect({ version: x.state.version, staff: x.view(FACILITATOR), team: x.view(player('p1')) }).toEqual(before);
  });

  it('A4: a vote for an option whose condition does not hold now is refused (INVALID), naming the options offered', () => {
    // format2.yaml: after "lock" (tools-locked), "escalate" offers "kill-now" but not "shut"
    const drill = compileScenario(readFileSync(FORMAT2, 'utf8'), 'format2.yaml');
    const x = new RuleExercise({ drill, mode: 'lead' }).join('p1', 't1', 'ir-lead');
    x.ok(FACILITATOR, { type: 'start' });
    x.ok(player('p1'), { type: 'commit', option: 'lock' });
    expect(x.team().snapshot.context.cursor.inject).toBe('escalate');
    const version = x.state.version;
    expect(x.send(player('p1'), { type: 'vote', option: 'shut' })).toMatchObject({
      refusal: { code: 'INVALID', message: expect.stringContaining('expected one of kill-now') },
    });
    expect(x.send(player('p1'), { type: 'commit', option: 'shut' })).toMatchObject({ refusal: { code: 'INVALID' } });
    expect(x.state.version).toBe(version);
    x.ok(player('p1'), { type: 'commit', option: 'kill-now' });
    expect(x.team().decisions.at(-1)).toMatchObject({ injectId: 'escalate', option: 'kill-now' });
  });

  it('A6: a vote naming the current inject is accepted; the same vote after the team moved on is STALE', () => {
    const x = runningTeam();
    x.ok(player('p1'), { type: 'vote', option: 'snapshot', inject: 'alert' });
    x.ok(FACILITATOR, { type: 'advance', teamId: 't1', inject: 'alert' });
    expect(x.send(player('p2'), { type: 'vote', option: 'snapshot', inject: 'alert' })).toMatchObject({
      refusal: { code: 'STALE', message: expect.stringContaining('moved on') },
    });
  });
});

/** A room over an in-memory log: the pipeline of room.ts without SQLite. */
function roomOf(x: RuleExercise, delaysMs?: number[]) {
  const log: StoredEvent[] = [];
  const heard: number[] = [];
  /** What the slow store saw, in order: "append N" when it began, "stored N" when it resolved. */
  const events: string[] = [];
  const stored: StoredEvent[] = [];
  // the part of the store the room's command path uses; anything else it calls fails the test loudly
  const memory = {
    writable: () => {},
    append: ({ exerciseId, event }) => {
      const record: StoredEvent = { ...event, exerciseId, prevHash: '', hash: '' };
      log.push(record);
      if (!delaysMs) return record;
      events.push(`append ${event.version}`);
      // a store over the network: each append resolves after its own delay
      return new Promise<StoredEvent>((done) =>
        setTimeout(
          () => {
            events.push(`stored ${event.version}`);
            stored.push(record);
            done(record);
          },
          delaysMs[(log.length - 1) % delaysMs.length],
        ),
      );
    },
    commandVersion: () => undefined,
  } satisfies Pick<Store, 'writable' | 'append' | 'commandVersion'>;
  const room = new ExerciseRoom(
    x.state,
    memory as Pick<Store, keyof typeof memory> as Store,
    (r, event) => heard.push(r.state.version === event.version ? event.version : -1),
    () => {
      throw new Error('no rebuild expected');
    },
    () => x.at,
  );
  return { room, log, heard, events, stored };
}

describe('P4 A5 A7: the room', () => {
  it('P4: every accepted command bumps the version by exactly 1; a refusal bumps nothing', async () => {
    const x = runningTeam();
    const { room, log } = roomOf(x);
    const start = x.state.version;
    const acks = await Promise.all([
      room.handle(player('p1'), 'k1', { id: 'command-0001', command: { type: 'vote', option: 'snapshot' } }),
      room.handle(player('p1'), 'k1', { id: 'command-0002', command: { type: 'commit', option: 'snapshot' } }),
      room.handle(FACILITATOR, 'kf', { id: 'command-0003', command: { type: 'extend', teamId: 't1', seconds: 60 } }),
      room.handle(player('p2'), 'k2', { id: 'command-0004', command: { type: 'vote', option: 'delete' } }),
    ]);
    expect(acks.map((a) => (a.ok ? a.version : a.code))).toEqual([start + 1, 'NOT_NOW', start + 2, start + 3]);
    expect(log.map((e) => e.version)).toEqual([start + 1, start + 2, start + 3]);
    room.close();
  });

  it('A5: a repeated command id gets the first ack and is applied once', async () => {
    const x = runningTeam();
    const { room, log } = roomOf(x);
    const envelope = { id: 'same-id-0001', command: { type: 'extend', teamId: 't1', seconds: 60 } } satisfies {
      id: string;
      command: Command;
    };
    const [first, again] = await Promise.all([
      room.handle(FACILITATOR, 'kf', envelope),
      room.handle(FACILITATOR, 'kf', envelope),
    ]);
    expect(again).toEqual(first);
    expect(log).toHaveLength(1);
    room.close();
  });

  it('A7: commands are applied one at a time in arrival order, each fully before the next', async () => {
    const x = runningTeam();
    const { room, log, heard } = roomOf(x);
    const sent: Array<[string, Command]> = [
      ['p2', { type: 'vote', option: 'delete', reason: 'first' }],
      ['p2', { type: 'vote', option: 'wait', reason: 'second' }],
      ['p1', { type: 'vote', option: 'wait' }],
    ];
    await Promise.all(sent.map(([who, command], i) => room.handle(player(who), who, { id: `order-000${i}`, command })));
    expect(
      log.map((e) => (e.body.type === 'command' && e.body.command.type === 'vote' ? e.body.command.option : null)),
    ).toEqual(['delete', 'wait', 'wait']);
    expect(heard).toEqual(log.map((e) => e.version)); // the listener saw each event with the state at exactly its version
    expect(x.team().decisions.at(-1)).toMatchObject({ option: 'wait' }); // p2's later vote replaced the earlier one
    room.close();
  });

  it('A7: with a store whose appends take a while (and finish out of order), commands still go one at a time in arrival order, each acked only once stored', async () => {
    const x = runningTeam();
    const { room, log, heard, stored, events } = roomOf(x, [30, 1, 15]);
    const sent: Array<[string, Command]> = [
      ['p2', { type: 'vote', option: 'delete', reason: 'first' }],
      ['p2', { type: 'vote', option: 'wait', reason: 'second' }],
      ['p1', { type: 'vote', option: 'wait' }],
    ];
    const acks = sent.map(([who, command], i) =>
      room.handle(player(who), who, { id: `slow-000${i}`, command }).then((ack) => {
        events.push(`ack ${ack.ok ? ack.version : ack.code}`);
        return ack;
      }),
    );
    await Promise.all(acks);
    const start = log[0]!.version;
    // each append started after the one before it was stored, and each ack came after its own
    // append was stored, in order (an ack may come after the next append began: the queue moves
    // on once an event is committed)
    const at = (what: string) => events.indexOf(what);
    for (const i of [0, 1, 2]) {
      expect(at(`append ${start + i}`)).toBeLessThan(at(`stored ${start + i}`));
      expect(at(`stored ${start + i}`)).toBeLessThan(at(`ack ${start + i}`));
      if (i > 0) {
        expect(at(`stored ${start + i - 1}`)).toBeLessThan(at(`append ${start + i}`));
        expect(at(`ack ${start + i - 1}`)).toBeLessThan(at(`ack ${start + i}`));
      }
    }
    expect(events).toHaveLength(9);
    expect(
      stored.map((e) =>
        e.body.type === 'command' && e.body.command.type === 'vote'
          ? (e.body.command.reason ?? e.body.command.option)
          : null,
      ),
    ).toEqual(['first', 'second', 'wait']);
    expect(heard).toEqual(log.map((e) => e.version));
    room.close();
  });
});

describe('D1 D3 D4: deadlines', () => {
  it('D1: a decision opens with an absolute deadline of its discussion time; solo runs have none', () => {
    const x = runningTeam();
    expect(x.team().deadline).toBe(START_AT + TWO_MINUTES);
    expect(x.view(player('p1')).teams[0]!.decision).toMatchObject({
      deadline: START_AT + TWO_MINUTES,
      openedAt: START_AT,
    });
    expect(new RuleExercise({ solo: true }).join('p1', 't1', 'ir-lead').team().deadline).toBeNull();
  });

  it('D3: pause freezes the remaining time, resume re-arms it, extend adds to either', () => {
    const x = runningTeam();
    x.tick(30_000).ok(FACILITATOR, { type: 'pause' });
    expect(x.team()).toMatchObject({ deadline: null, remainingMs: 90_000 });
    x.tick(60_000).ok(FACILITATOR, { type: 'extend', teamId: 't1', seconds: 60 });
    expect(x.team().remainingMs).toBe(150_000);
    x.tick(10_000).ok(FACILITATOR, { type: 'resume' });
    expect(x.team()).toMatchObject({ deadline: x.at + 150_000, remainingMs: null });
    x.ok(FACILITATOR, { type: 'extend', teamId: 't1', seconds: 60 });
    expect(x.team().deadline).toBe(x.at + 210_000);
  });

  it('D4: after a restart the deadline resumes with the time it had left when the server went down', () => {
    const x = runningTeam();
    const downAt = START_AT + 50_000; // 70 s left
    x.tick(400_000).event({ type: 'restarted', downAt });
    expect(x.team().deadline).toBe(x.at + 70_000);
  });
});

/** A1–A4: every command type from every kind of sender; refusals leave the state unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, CommandType } from '../../protocol/index.ts';
import { setupSession, type Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Sender = 'facilitator' | 'player' | 'observer' | 'otherTeam';

/** One valid-shaped command per type, aimed at team t1 where a team is named. */
function sample(type: CommandType, session: Session): Command {
  const p = session.team('t1')[1]!.joined.playerId!;
  const commands: Record<CommandType, Command> = {
    start: { type: 'start' },
    pause: { type: 'pause' },
    resume: { type: 'resume' },
    advance: { type: 'advance', teamId: 't1' },
    skip: { type: 'skip', teamId: 't1' },
    extend: { type: 'extend', teamId: 't1', seconds: 60 },
    inject: { type: 'inject', teamId: 't1', title: 'News', body: 'A journalist calls.' },
    move: { type: 'move', playerId: p, teamId: 't2', role: 'ml-engineer' },
    remove: { type: 'remove', playerId: p },
    'add-team': { type: 'add-team', name: 'Red' },
    'set-mode': { type: 'set-mode', mode: 'lead' },
    record: { type: 'record', teamId: 't1', option: 'snapshot' },
    end: { type: 'end' },
    vote: { type: 'vote', option: 'snapshot', reason: 'evidence first' },
    commit: { type: 'commit', option: 'snapshot' },
    continue: { type: 'continue' },
    hotwash: { type: 'hotwash', worked: 'a', didNot: 'b', confidence: {} },
  };
  return commands[type];
}

const FACILITATOR_ONLY: CommandType[] = [
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
];
const PLAYER_ONLY: CommandType[] = ['vote', 'commit', 'continue', 'hotwash'];

function senderClient(session: Session, sender: Sender) {
  if (sender === 'facilitator') return session.facilitator;
  if (sender === 'observer') return session.observer!;
  return session.team(sender === 'player' ? 't1' : 't2')[0]!.client;
}

describe('authorization matrix', () => {
  for (const type of [...FACILITATOR_ONLY, ...PLAYER_ONLY]) {
    it(`A2 "${type}": only ${FACILITATOR_ONLY.includes(type) ? 'the facilitator' : 'players'} may send it; others get FORBIDDEN and change nothing`, async () => {
      const session = await setupSession(server.url, {
        mode: type === 'record' ? 'facilitator' : 'vote',
        observer: true,
        start: type !== 'start',
      });
      try {
        const allowed: Sender[] = FACILITATOR_ONLY.includes(type) ? ['facilitator'] : ['player', 'otherTeam'];
        const command = sample(type, session);
        const before = session.facilitator.state!;
        for (const sender of ['facilitator', 'player', 'observer', 'otherTeam'] as Sender[]) {
          if (allowed.includes(sender)) continue;
          const ack = await senderClient(session, sender).command(command);
          expect(ack, `${sender} sending ${type}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        }
        // Nothing changed for anyone.
        await new Promise((r) => setTimeout(r, 20));
        expect(session.facilitator.state).toEqual(before);
        // The allowed sender gets past authorization (accepted, or refused for the state, never FORBIDDEN),
        // except a lead-mode commit by a non-lead, which is covered below.
        const ack = await senderClient(session, allowed[0]!).command(command);
        if (!ack.ok) expect(ack.code, `${allowed[0]} sending ${type}: ${ack.message}`).not.toBe('FORBIDDEN');
        // acks and other sockets' patches are not ordered: let the facilitator see this change first
        else await session.facilitator.waitForVersion(ack.version);
        if (type === 'vote' || type === 'commit' || type === 'continue') {
          // A player of team t2 acting never touches team t1.
          const t1Before = session.facilitator.state!.teams.find((t) => t.id === 't1');
          await session.team('t2')[0]!.client.command(command);
          await new Promise((r) => setTimeout(r, 20));
          expect(session.facilitator.state!.teams.find((t) => t.id === 't1')).toEqual(t1Before);
        }
      } finally {
        session.close();
      }
    });
  }

  it('A3 in lead mode only the lead role commits; votes are recommendations', async () => {
    const session = await setupSession(server.url, { mode: 'lead' });
    try {
      const [lead, other] = session.team('t1');
      expect(lead!.role).toBe('ir-lead');
      expect(await other!.client.command({ type: 'commit', option: 'snapshot' })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      const vote = await other!.client.command({ type: 'vote', option: 'delete', reason: 'faster' });
      expect(vote.ok).toBe(true);
      expect(session.facilitator.state!.teams[0]!.progress.log).toHaveLength(0);
      expect((await lead!.client.command({ type: 'commit', option: 'snapshot' })).ok).toBe(true);
    } finally {
      session.close();
    }
  });

  it('A4 refusals name what was expected (NOT_NOW, INVALID, STALE, NOT_FOUND)', async () => {
    const session = await setupSession(server.url, { mode: 'vote' });
    try {
      const p = session.team('t1')[0]!.client;
      const f = session.facilitator;
      expect(await p.command({ type: 'vote', option: 'nope' })).toMatchObject({
        ok: false,
        code: 'INVALID',
        message: expect.stringContaining('snapshot, delete, wait'),
      });
      expect(await p.command({ type: 'continue' })).toMatchObject({ ok: false, code: 'NOT_NOW' });
      expect(await p.command({ type: 'vote', option: 'pause', inject: 'pipeline' })).toMatchObject({
        ok: false,
        code: 'STALE',
      });
      expect(await f.command({ type: 'skip', teamId: 't9' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await f.command({ type: 'start' })).toMatchObject({ ok: false, code: 'NOT_NOW' });
      expect(await p.command({ type: 'hotwash', worked: '', didNot: '', confidence: {} })).toMatchObject({
        ok: false,
        code: 'NOT_NOW',
      });
    } finally {
      session.close();
    }
  });
});

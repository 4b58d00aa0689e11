/**
 * The storage contract every Store implementation passes (S1, S2, S7, A5): append and read
 * back, read since a version, replay to the live state, hash-chain verification, idempotent
 * command ids, concurrent appends, and the report details kept beside the log. Parameterised by a factory, so a second database (say
 * PostgreSQL) runs the same suite: `describeStoreContract('postgres', factory)`. Every store
 * call is awaited, so a store with asynchronous methods passes it as well.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, CommandEnvelope } from '../../protocol/index.ts';
import type { Actor } from '../../server/exercise/events.ts';
import { ExerciseRegistry } from '../../server/exercise/registry.ts';
import { replayExercise } from '../../server/exercise/replay.ts';
import { ScenarioCatalog } from '../../server/exercise/scenarios.ts';
import type { Store } from '../../server/exercise/store/types.ts';
import { MINI } from '../helpers/server.ts';

/** One backing database for a test: a store on it, more connections to it, and a way to damage it. */
export interface StoreHarness {
  store: Store;
  /** Another connection to the same data (another server process, or the same one after a restart). */
  connect(): Promise<Store> | Store;
  /** Changes the stored body of one event without fixing its hash. */
  tamper(exerciseId: string, version: number): Promise<void> | void;
  /** Closes every connection and removes the data. */
  dispose(): Promise<void> | void;
}

export type StoreFactory = () => Promise<StoreHarness> | StoreHarness;

const catalog = ScenarioCatalog.fromDirectory(join(MINI, '..'), () => {});

/** An exercise played on `store` through the real exercise layer: two teams, a vote, an ad-hoc inject. */
async function playSome(store: Store) {
  const registry = new ExerciseRegistry(store, catalog, () => {});
  const created = await registry.create({ scenarioId: 'mini-drill', mode: 'vote', teams: ['Red', 'Blue'] });
  if ('code' in created && !('exerciseId' in created)) throw new Error(created.message);
  const { exerciseId, facilitatorKey } = created as { exerciseId: string; facilitatorKey: string };
  const joined = await registry.join({ code: (created as { code: string }).code, name: 'Ada', teamId: 't1' });
  if (!('token' in joined)) throw new Error(joined.message);
  const room = (await registry.room(exerciseId))!;
  const staff = (await registry.identify(facilitatorKey, exerciseId))!;
  const player = (await registry.identify(joined.token, exerciseId))!;
  const send = (who: { actor: Actor; key: string }, id: string, command: CommandEnvelope['command']): Promise<Ack> =>
    room.handle(who.actor, who.key, { id, command });
  const acks = await Promise.all([
    send(staff, 'cmd-start-1', { type: 'start' }),
    send(staff, 'cmd-inject-1', { type: 'inject', teamId: 'all', title: 'Press call', body: 'A reporter asks.' }),
    send(player, 'cmd-vote-001', { type: 'vote', option: 'snapshot', reason: 'keep the evidence' }),
  ]);
  registry.close();
  return { exerciseId, staff, player, acks, version: room.state.version, room };
}

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    const open = async () => (harness = await factory());
    afterEach(async () => {
      await harness?.dispose();
      harness = undefined;
    });

    it('S1 appends events with their versions, times and a hash chain, and reads them back in order', async () => {
      const { store } = await open();
      const played = await playSome(store);
      const events = await store.events(played.exerciseId);
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: played.version }, (_, i) => i + 1));
      expect(events[0]!.prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
      expect(events.at(-1)!.body).toEqual({
        type: 'command',
        command: { type: 'vote', option: 'snapshot', reason: 'keep the evidence' },
      });
      expect(await store.verifyChain(played.exerciseId)).toMatchObject({
        ok: true,
        events: played.version,
        head: events.at(-1)!.hash,
      });
    });

    it('S8 S9 a store that can save says so: healthy, writable', async () => {
      const { store } = await open();
      await playSome(store);
      expect(await store.health()).toEqual({ ok: true, problem: null, since: null });
      expect(() => store.writable()).not.toThrow();
    });

    it('S1 reads the events after a version (what a client that saw that version missed)', async () => {
      const { store } = await open();
      const played = await playSome(store);
      const since = await store.events(played.exerciseId, 2);
      expect(since.map((e) => e.version)).toEqual(Array.from({ length: played.version - 2 }, (_, i) => i + 3));
      expect(await store.events(played.exerciseId, played.version)).toEqual([]);
      expect(await store.events('no-such-exercise')).toEqual([]);
    });

    it('S2 another connection replays the log to the state live play reached', async () => {
      const harness = await open();
      const played = await playSome(harness.store);
      const other = await harness.connect();
      const replayed = await replayExercise(other, catalog, played.exerciseId);
      expect(replayed.state.version).toBe(played.version);
      expect(replayed.state.status).toBe('running');
      expect(replayed.state.teams.map((t) => [t.id, t.adHoc.length, [...t.votes.keys()]])).toEqual(
        played.room.state.teams.map((t) => [t.id, t.adHoc.length, [...t.votes.keys()]]),
      );
      expect(replayed.acks.map(([key]) => key)).toEqual([
        `${played.staff.key}:cmd-start-1`,
        `${played.staff.key}:cmd-inject-1`,
        `${played.player.key}:cmd-vote-001`,
      ]);
    });

    it('S2 a tampered event breaks the chain: verification names it and replay refuses to load', async () => {
      const harness = await open();
      const played = await playSome(harness.store);
      await harness.tamper(played.exerciseId, 3);
      const other = await harness.connect();
      expect(await other.verifyChain(played.exerciseId)).toMatchObject({ ok: false, brokenAt: 3 });
      await expect(replayExercise(other, catalog, played.exerciseId)).rejects.toThrow(
        /event 3 does not match its hash chain/,
      );
    });

    it('A5 an accepted command id is found in the log for the whole exercise; a refused one is not', async () => {
      const harness = await open();
      const played = await playSome(harness.store);
      const other = await harness.connect();
      expect(await other.commandVersion(played.exerciseId, `${played.staff.key}:cmd-inject-1`)).toBe(
        played.acks[1]!.ok ? played.acks[1]!.version : -1,
      );
      expect(await other.commandVersion(played.exerciseId, `${played.staff.key}:never-sent`)).toBeUndefined();
      expect(await other.commandVersion('another-exercise', `${played.staff.key}:cmd-inject-1`)).toBeUndefined();
    });

    it('H15 H17 share links: stored as token hashes, found by hash and id, listed newest first, revoked once, seen by another connection', async () => {
      const harness = await open();
      const played = await playSome(harness.store);
      const link = (id: string, createdAt: number, exerciseId = played.exerciseId) => ({
        id,
        tokenHash: `hash-of-${id}`,
        exerciseId,
        createdBy: 'facilitator' as const,
        label: id === 'a' ? 'for the board' : null,
        createdAt,
        expiresAt: createdAt + 86_400_000,
        revokedAt: null,
      });
      await harness.store.addShare(link('a', 1_000));
      await harness.store.addShare(link('b', 2_000));
      await harness.store.addShare(link('c', 3_000, 'another-exercise'));
      const other = await harness.connect();
      expect(await other.shareByTokenHash('hash-of-a')).toEqual(link('a', 1_000));
      expect(await other.shareByTokenHash('no-such-hash')).toBeUndefined();
      expect(await other.share('b')).toEqual(link('b', 2_000));
      expect((await other.shares(played.exerciseId)).map((s) => s.id)).toEqual(['b', 'a']);
      expect((await other.shares()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
      expect(await other.revokeShare('a', 5_000)).toBe(true);
      expect(await harness.store.revokeShare('a', 6_000)).toBe(false);
      expect(await harness.store.revokeShare('nope', 6_000)).toBe(false);
      expect(await harness.store.share('a')).toMatchObject({ revokedAt: 5_000 });
      // one token, one link
      await expect(
        Promise.resolve().then(() => harness.store.addShare({ ...link('d', 4_000), tokenHash: 'hash-of-b' })),
      ).rejects.toThrow();
    });

    it('S1 concurrent appends: two connections writing the same version, exactly one wins and the chain stays whole', async () => {
      const harness = await open();
      const played = await playSome(harness.store);
      const a = harness.store;
      const b = await harness.connect();
      const event = (text: string) => ({
        exerciseId: played.exerciseId,
        event: {
          version: played.version + 1,
          at: Date.now(),
          actor: { seat: 'facilitator' as const, playerId: null },
          commandId: `k:${text}`,
          body: {
            type: 'command' as const,
            command: { type: 'inject' as const, teamId: 'all', title: text, body: text },
          },
        },
      });
      const results = await Promise.allSettled([
        Promise.resolve().then(() => a.append(event('from a'))),
        Promise.resolve().then(() => b.append(event('from b'))),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      const check = await b.verifyChain(played.exerciseId);
      expect(check).toMatchObject({ ok: true, events: played.version + 1 });
    });

    it('S1 concurrent appends to different exercises all land, each chain contiguous', async () => {
      const harness = await open();
      const exercises = [await playSome(harness.store), await playSome(harness.store), await playSome(harness.store)];
      const other = await harness.connect();
      // appends of one exercise go in version order, one after the other (the room's queue, A7); the exercises interleave
      const chains = exercises.map(async (played, i) => {
        for (let n = 0; n < 5; n++) {
          await (n % 2 ? other : harness.store).append({
            exerciseId: played.exerciseId,
            event: {
              version: played.version + n + 1,
              at: Date.now(),
              actor: null,
              commandId: null,
              body: { type: 'restarted', downAt: i },
            },
          });
        }
      });
      await Promise.all(chains);
      for (const played of exercises)
        expect(await other.verifyChain(played.exerciseId)).toMatchObject({ ok: true, events: played.version + 5 });
    });

    it('report details (sponsor, organisations, point of contact) are kept per exercise, replaced whole, and cleared when empty', async () => {
      const harness = await open();
      const { exerciseId } = await playSome(harness.store);
      expect(await harness.store.reportDetails(exerciseId)).toBeUndefined();
      await harness.store.saveReportDetails(
        exerciseId,
        { sponsor: 'CISO office', organisations: ['Bank', 'Vendor'], pointOfContact: 'Dana' },
        1,
      );
      const other = await harness.connect();
      expect(await other.reportDetails(exerciseId)).toEqual({
        sponsor: 'CISO office',
        organisations: ['Bank', 'Vendor'],
        pointOfContact: 'Dana',
      });
      await other.saveReportDetails(exerciseId, { organisations: ['Bank'] }, 2);
      expect(await harness.store.reportDetails(exerciseId)).toEqual({ organisations: ['Bank'] });
      await harness.store.saveReportDetails(exerciseId, {}, 3);
      expect(await other.reportDetails(exerciseId)).toBeUndefined();
      expect(await other.reportDetails('no-such-exercise')).toBeUndefined();
    });

    it('W5 W7 pinned what-ifs are kept per exercise in pin order, a second pin of the same fork replaces its note, and a removed pin is gone for every connection', async () => {
      const harness = await open();
      const { exerciseId } = await playSome(harness.store);
      const { exerciseId: otherExercise } = await playSome(harness.store);
      expect(await harness.store.whatIfPins(exerciseId)).toEqual([]);
      const pin = (id: string, option: string, at: number, note: string | null) =>
        ({
          id,
          exerciseId,
          teamId: 't1',
          inject: 'alert',
          option,
          policy: 'best',
          note,
          pinnedBy: 'facilitator',
          pinnedAt: at,
        }) as const;
      expect(await harness.store.pinWhatIf(pin('pin-b', 'snapshot', 20, 'evidence kept'))).toEqual(
        pin('pin-b', 'snapshot', 20, 'evidence kept'),
      );
      await harness.store.pinWhatIf({ ...pin('pin-a', 'delete', 10, null), policy: 'worst', pinnedBy: 'manager' });
      await harness.store.pinWhatIf({ ...pin('pin-c', 'snapshot', 30, null), exerciseId: otherExercise });
      const other = await harness.connect();
      expect(
        (await other.whatIfPins(exerciseId)).map((p) => [p.id, p.option, p.policy, p.note, p.pinnedBy, p.pinnedAt]),
      ).toEqual([
        ['pin-a', 'delete', 'worst', null, 'manager', 10],
        ['pin-b', 'snapshot', 'best', 'evidence kept', 'facilitator', 20],
      ]);
      // the same fork again: one pin, its first id and time, the new note
      expect(await other.pinWhatIf(pin('pin-d', 'snapshot', 40, 'SLA met at 50m'))).toEqual(
        pin('pin-b', 'snapshot', 20, 'SLA met at 50m'),
      );
      expect((await harness.store.whatIfPins(exerciseId)).map((p) => [p.id, p.note])).toEqual([
        ['pin-a', null],
        ['pin-b', 'SLA met at 50m'],
      ]);
      expect(await harness.store.unpinWhatIf(exerciseId, 'pin-c')).toBe(false); // another exercise's pin
      expect(await harness.store.unpinWhatIf(exerciseId, 'pin-a')).toBe(true);
      expect(await harness.store.unpinWhatIf(exerciseId, 'pin-a')).toBe(false);
      expect((await other.whatIfPins(exerciseId)).map((p) => p.id)).toEqual(['pin-b']);
      expect((await other.whatIfPins(otherExercise)).map((p) => p.id)).toEqual(['pin-c']);
    });
  });
}

/** A fresh temporary directory for a file-based store; removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

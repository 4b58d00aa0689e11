/**
 * S8 S9 S12 with the real server process and real SQLite files: a data file deleted under a
 * running server, a database that cannot be written (chattr +i, which stops root too), a full
 * disk (a small tmpfs), and a log that lost its tail (a database put back from an older copy).
 * Acks mean the event is on disk; when storage cannot take writes the server refuses commands
 * in words, logs the cause once, answers /healthz with 503, stays up, and recovers by itself.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/exercise/store/sqlite.ts';
import { connectClient } from '../helpers/client.ts';
import { request } from '../helpers/http.ts';
import { setupSession, type Session } from '../helpers/play.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const done of cleanups.reverse()) done();
});

const scenariosDir = scenarioDir([MINI]);
cleanups.push(() => rmSync(scenariosDir, { recursive: true, force: true }));

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breachdrill-durable-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const health = async (proc: ServerProcess) =>
  (await request(proc.url, '/healthz')) as {
    status: number;
    body: { ok: boolean; storage: { ok: boolean; problem: string | null } };
  };

/** Polls until `check` holds (the guard's timer runs every second). */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still not so after ${ms} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A started two-team vote exercise on the server; the first member of team 1 votes once. */
async function started(proc: ServerProcess): Promise<{ session: Session; version: number }> {
  const session = await setupSession(proc.url, { teams: 2, playersPerTeam: 2 });
  const vote = await session
    .team('t1')[0]!
    .client.command({ type: 'vote', option: 'snapshot', reason: 'keep the evidence' });
  if (!vote.ok) throw new Error(vote.message);
  return { session, version: vote.version };
}

/** Runs a command as root, or reports why it cannot (the test is then skipped with that reason). */
function can(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `${command} ${args.join(' ')}: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}

describe('storage under a running server', () => {
  for (const victim of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    it(
      `S8 deleting ${victim} mid-drill: commands are refused in words, /healthz is 503, and no acknowledged command is lost`,
      { timeout: 60_000 },
      async () => {
        const dir = dataDir();
        let proc = await spawnServer({ dataDir: dir, scenariosDir });
        const { session, version } = await started(proc);
        const acked = [version];
        const more = await session.team('t2')[0]!.client.command({ type: 'vote', option: 'delete' });
        expect(more.ok).toBe(true);
        if (more.ok) acked.push(more.version);

        rmSync(join(dir, victim));
        const refused = await session.team('t2')[1]!.client.command({ type: 'vote', option: 'wait' });
        expect(refused).toMatchObject({ ok: false, code: 'INTERNAL' });
        expect(refused.ok ? '' : refused.message).toMatch(
          new RegExp(`${victim.replace('.', '\\.')} was deleted while the server ran`),
        );
        const h = await health(proc);
        expect(h.status).toBe(503);
        expect(h.body.storage).toMatchObject({ ok: false, problem: expect.stringContaining('was deleted') });
        expect(proc.output()).toMatch(/storage lost: the data file .* was deleted/);
        session.close();
        await proc.kill('SIGKILL');

        // the rescue copy holds everything acknowledged: put it in place and start again
        const rescued = readdirSync(dir).find((f) => f.startsWith(`${DATABASE_FILE}.rescued-`));
        expect(rescued).toBeDefined();
        expect(statSync(join(dir, rescued!)).mode & 0o777).toBe(0o600); // S11
        for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`])
          rmSync(join(dir, f), { force: true });
        renameSync(join(dir, rescued!), join(dir, DATABASE_FILE));
        proc = await spawnServer({ dataDir: dir, scenariosDir });
        const facilitator = await connectClient(proc.url, {
          exerciseId: session.created.exerciseId,
          token: session.created.facilitatorKey,
        });
        expect(facilitator.state!.version).toBeGreaterThanOrEqual(Math.max(...acked));
        const votes = facilitator.state!.teams.map((t) => Object.keys(t.decision.votes ?? {}).length);
        expect(votes).toEqual([1, 1]);
        facilitator.close();
        await proc.kill('SIGTERM');
      },
    );
  }

  const immutable = can('chattr', ['-i', tmpdir()]) ?? null;
  it.skipIf(immutable !== null)(
    'S9 a database that cannot be written (chattr +i, even -shm): refused in words, logged once, 503, no crash, recovers by itself',
    { timeout: 60_000 },
    async () => {
      const dir = dataDir();
      const proc = await spawnServer({ dataDir: dir, scenariosDir });
      const { session } = await started(proc);
      const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((f) => join(dir, f));
      cleanups.unshift(() => can('chattr', ['-i', ...files]));
      execFileSync('chattr', ['+i', ...files]);
      try {
        const refused = await session.team('t2')[0]!.client.command({ type: 'vote', option: 'delete' });
        expect(refused).toMatchObject({
          ok: false,
          code: 'INTERNAL',
          message: expect.stringMatching(/cannot be written/),
        });
        await new Promise((done) => setTimeout(done, 2500)); // two heartbeats and guard checks
        expect(proc.child.exitCode).toBeNull();
        expect(proc.child.signalCode).toBeNull();
        const h = await health(proc);
        expect(h.status).toBe(503);
        expect(h.body.storage.problem).toMatch(/cannot be written/);
        expect(proc.output().match(/storage failing/g)?.length).toBe(1);
      } finally {
        execFileSync('chattr', ['-i', ...files]);
      }
      await eventually(async () => (await health(proc)).status === 200);
      expect(await session.team('t2')[0]!.client.command({ type: 'vote', option: 'delete' })).toMatchObject({
        ok: true,
      });
      expect(proc.output()).toMatch(/storage recovered/);
      session.close();
      await proc.kill('SIGTERM');
    },
  );

  const mountPoint = mkdtempSync(join(tmpdir(), 'breachdrill-tmpfs-'));
  const tmpfs = can('mount', ['-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', mountPoint]);
  cleanups.push(() => {
    can('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  it.skipIf(tmpfs !== null)(
    'S9 a full disk (a 3 MB tmpfs): refused in words, logged once, 503, the heartbeat does not crash the process, recovers when space is freed',
    { timeout: 60_000 },
    async () => {
      const dir = join(mountPoint, 'data');
      mkdirSync(dir);
      const proc = await spawnServer({ dataDir: dir, scenariosDir });
      const { session } = await started(proc);
      const filler = join(mountPoint, 'filler');
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
      } catch {
        // dd stops with "No space left on device": the disk is full, as wanted
      }
      // the WAL reuses the space it has: send ad-hoc injects until it has to grow
      let refused: Awaited<ReturnType<typeof session.facilitator.command>> | undefined;
      for (let i = 0; i < 400 && !refused; i++) {
        const ack = await session.facilitator.command({
          type: 'inject',
          teamId: 'all',
          title: `Bulletin ${i}`,
          body: `${i} `.repeat(1300),
        });
        if (!ack.ok) refused = ack;
      }
      expect(refused).toMatchObject({
        ok: false,
        code: 'INTERNAL',
        message: expect.stringMatching(/disk holding the database is full/),
      });
      await new Promise((done) => setTimeout(done, 2500));
      expect(proc.child.exitCode).toBeNull();
      const h = await health(proc);
      expect(h.status).toBe(503);
      expect(h.body.storage.problem).toMatch(/full/);
      expect(
        proc.output().match(/storage failing: the disk holding the database is full/g)?.length,
        proc.output(),
      ).toBe(1);

      rmSync(filler);
      await eventually(async () => (await health(proc)).status === 200);
      expect(await session.team('t2')[1]!.client.command({ type: 'vote', option: 'delete' })).toMatchObject({
        ok: true,
      });
      expect(proc.output()).toMatch(/storage recovered/);
      session.close();
      await proc.kill('SIGTERM');
    },
  );

  it(
    'S12 a log that lost its tail: the start says how many events each exercise has, a client that saw more is told VERSION_AHEAD and resyncs',
    { timeout: 60_000 },
    async () => {
      const dir = dataDir();
      let proc = await spawnServer({ dataDir: dir, scenariosDir });
      const { session, version } = await started(proc);
      await proc.kill('SIGTERM'); // a clean stop folds the WAL into one file
      const older = join(dir, 'older.sqlite');
      copyFileSync(join(dir, DATABASE_FILE), older);
      proc = await spawnServer({ dataDir: dir, scenariosDir, port: proc.port });
      // a clean stop said goodbye to the clients: these connect anew and stay through the crash below
      const connect = (token: string) => connectClient(proc.url, { exerciseId: session.created.exerciseId, token });
      const facilitator = await connect(session.created.facilitatorKey);
      const [a, b] = await Promise.all(session.team('t2').map((p) => connect(p.joined.token)));
      expect(facilitator.state!.version).toBeGreaterThanOrEqual(version); // plus a "restarted" event
      const later = await a!.command({ type: 'vote', option: 'delete' });
      const last = await b!.command({ type: 'vote', option: 'wait' });
      expect([later, last], JSON.stringify([later, last])).toMatchObject([{ ok: true }, { ok: true }]);
      const seen = (last as { version: number }).version;
      await facilitator.waitForVersion(seen, 15_000);
      await proc.kill('SIGKILL');

      // the log loses its tail: the database goes back to the older copy
      for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`])
        rmSync(join(dir, f), { force: true });
      renameSync(older, join(dir, DATABASE_FILE));
      const welcomes = facilitator.welcomes.length;
      proc = await spawnServer({ dataDir: dir, scenariosDir, port: proc.port });
      expect(proc.output()).toMatch(
        new RegExp(`restored exercise ${session.created.exerciseId} \\(running\\) from \\d+ logged events`),
      );
      await eventually(async () => facilitator.welcomes.length > welcomes, 30_000);
      const welcome = facilitator.welcomes.at(-1)!;
      expect(welcome).toMatchObject({ ok: true, notice: { code: 'VERSION_AHEAD', lastVersion: seen } });
      expect(facilitator.state!.version).toBeLessThan(seen);
      await eventually(async () => /versions? .* lost/.test(proc.output()));
      expect(proc.output()).toMatch(
        new RegExp(
          `exercise ${session.created.exerciseId}: a client had seen version ${seen} but the log ends at \\d+`,
        ),
      );
      for (const client of [facilitator, a!, b!]) client.close();
      await proc.kill('SIGTERM');
    },
  );
});

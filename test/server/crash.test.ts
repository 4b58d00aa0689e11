/** S2 S5: a server process killed with SIGKILL mid-drill and restarted ends where an uninterrupted run ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storedOutcomes } from '../helpers/db.ts';
import { converge, latest, playTeam, setupSession, type Session } from '../helpers/play.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, scenarioDir, startTestServer } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The drill script; `midway` runs after some acknowledged commands, before the rest. */
async function script(session: Session, midway: () => Promise<void>): Promise<void> {
  await playTeam(session, 't1', ['snapshot']); // returns at the next decision
  const t2 = session.team('t2');
  expect((await t2[0]!.client.command({ type: 'vote', option: 'delete', reason: 'stop the bleeding' })).ok).toBe(true);
  expect((await t2[1]!.client.command({ type: 'vote', option: 'wait', reason: 'need more data' })).ok).toBe(true);
  await midway();
  expect((await t2[2]!.client.command({ type: 'vote', option: 'delete' })).ok).toBe(true);
  await session.facilitator.waitFor((s) => s.teams[1]!.progress.inject?.id === 'pipeline', 5000, 't2 to commit');
  await Promise.all([playTeam(session, 't1', ['pause']), playTeam(session, 't2', ['leave'])]);
  await session.facilitator.waitFor((s) => s.exercise.status === 'debrief', 5000, 'debrief');
}

describe('crash recovery', () => {
  it('S5 SIGKILL mid-drill, restart on the same data: clients reconnect by themselves, same final state and outcome', async () => {
    const scenariosDir = scenarioDir([MINI]);
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-crash-'));
    dirs.push(scenariosDir, dataDir);

    let proc = await spawnServer({ dataDir, scenariosDir });
    const crashed = await setupSession(proc.url);
    let versionAtKill = 0;
    try {
      await script(crashed, async () => {
        versionAtKill = latest(crashed.clients());
        await converge(crashed.clients(), versionAtKill);
        await proc.kill('SIGKILL');
        const started = Date.now();
        proc = await spawnServer({ dataDir, scenariosDir, port: proc.port });
        expect(proc.output()).toMatch(/restored 1 unfinished exercise/);
        // Restart logs one event re-arming the deadlines; every client converges on it by itself.
        await converge(crashed.clients(), versionAtKill + 1, 10_000);
        expect(crashed.facilitator.state!.teams[1]!.decision.votes.map((v) => v.option)).toEqual(['delete', 'wait']);
        console.log(`restart to converged clients: ${Date.now() - started} ms`);
      });
      const crashedFinal = crashed.facilitator.state!;
      const crashedOutcomes = storedOutcomes(dataDir, crashed.created.exerciseId);

      const clean = await startTestServer({ drills: [MINI] });
      const uninterrupted = await setupSession(clean.url);
      try {
        await script(uninterrupted, async () => {});
        const cleanFinal = uninterrupted.facilitator.state!;
        // reportPath names the exercise, which differs between the two runs by design.
        const progressOf = (teams: typeof cleanFinal.teams) =>
          teams.map(({ progress: { reportPath: _path, ...rest } }) => rest);
        expect(progressOf(crashedFinal.teams)).toEqual(progressOf(cleanFinal.teams));
        expect(crashedFinal.exercise.status).toBe('debrief');
        expect(crashedFinal.version).toBe(cleanFinal.version + 1);
        expect(crashedOutcomes).toEqual(storedOutcomes(clean.dataDir, uninterrupted.created.exerciseId));
        expect(Object.keys(crashedOutcomes)).toEqual(['t1', 't2']);
      } finally {
        uninterrupted.close();
        await clean.close();
      }
    } finally {
      crashed.close();
      await proc.kill('SIGTERM');
    }
  });
});

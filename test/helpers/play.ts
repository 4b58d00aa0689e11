/**
 * Playing drills through the protocol: set up an exercise with teams of connected players
 * (plus a facilitator and optionally an observer), and play a team's decisions in the
 * exercise's mode, the way people would (every member votes, the lead commits, or the
 * facilitator records).
 */
import type { CreatedExercise, DecisionMode, Joined } from '../../protocol/index.ts';
import { connectClient, type TestClient } from './client.ts';
import { createExercise, joinExercise } from './http.ts';

export interface Participant {
  name: string;
  joined: Joined;
  client: TestClient;
  teamId: string;
  role: string;
}

export interface Session {
  url: string;
  created: CreatedExercise;
  mode: DecisionMode;
  facilitator: TestClient;
  observer: TestClient | null;
  players: Participant[];
  /** Players of one team. */
  team(teamId: string): Participant[];
  /** Every connected client. */
  clients(): TestClient[];
  /** Disconnects everyone. */
  close(): void;
}

export interface SessionOptions {
  scenarioId?: string;
  mode?: DecisionMode;
  teams?: number;
  playersPerTeam?: number;
  observer?: boolean;
  /** Send `start` once everyone is connected (default true). */
  start?: boolean;
}

/** Creates an exercise, joins `teams × playersPerTeam` players (team t1, t2, …), connects everyone. */
export async function setupSession(url: string, options: SessionOptions = {}): Promise<Session> {
  const mode = options.mode ?? 'vote';
  const teamCount = options.teams ?? 2;
  const created = await createExercise(url, {
    scenarioId: options.scenarioId ?? 'mini-drill',
    mode,
    teams: Array.from({ length: teamCount }, (_, i) => `Team ${i + 1}`),
  });
  const facilitator = await connectClient(url, { exerciseId: created.exerciseId, token: created.facilitatorKey });
  const players: Participant[] = [];
  for (let t = 1; t <= teamCount; t++) {
    for (let p = 1; p <= (options.playersPerTeam ?? 3); p++) {
      const name = `P${t}.${p}`;
      const joined = await joinExercise(url, { code: created.code, name, teamId: `t${t}` });
      const client = await connectClient(url, { exerciseId: joined.exerciseId, token: joined.token });
      players.push({ name, joined, client, teamId: `t${t}`, role: client.state!.me.role! });
    }
  }
  const observer = options.observer
    ? await connectClient(url, await joinExercise(url, { code: created.code, name: 'Watcher', observer: true }))
    : null;
  const session: Session = {
    url,
    created,
    mode,
    facilitator,
    observer,
    players,
    team: (teamId) => players.filter((p) => p.teamId === teamId),
    clients: () => [facilitator, ...(observer ? [observer] : []), ...players.map((p) => p.client)],
    close: () => session.clients().forEach((c) => c.close()),
  };
  if (options.start ?? true) {
    const ack = await facilitator.command({ type: 'start' });
    if (!ack.ok) throw new Error(`start refused: ${ack.message}`);
    await Promise.all(session.clients().map((c) => c.waitForVersion(ack.version)));
  }
  return session;
}

/** Waits until every client has applied `version`. */
export async function converge(clients: TestClient[], version: number, ms = 5000): Promise<void> {
  await Promise.all(clients.map((c) => c.waitForVersion(version, ms)));
}

/** The highest version any client has seen (the exercise version once they converge). */
export function latest(clients: TestClient[]): number {
  return Math.max(...clients.map((c) => c.version ?? 0));
}

/**
 * Plays one team: at each decision the next of `choices` is taken in the session's mode;
 * injects without a decision are continued by the team's first player. Returns at an ending,
 * or at a decision once `choices` is used up (so a test can play part of a drill).
 */
export async function playTeam(session: Session, teamId: string, choices: string[]): Promise<void> {
  const members = session.team(teamId);
  const watcher = members[0]!.client;
  const lead = members.find((m) => m.role === session.facilitator.state!.exercise.scenario.lead) ?? members[0]!;
  const queue = [...choices];
  for (let step = 0; step < 50; step++) {
    const state = await watcher.waitFor((s) => s.teams.some((t) => t.id === teamId), 5000, `team ${teamId}`);
    const team = state.teams.find((t) => t.id === teamId)!;
    if (team.progress.ending) return;
    const inject = team.progress.inject!;
    const before = state.version;
    if (!inject.decision) {
      const ack = await watcher.command({ type: 'continue', inject: inject.id });
      if (!ack.ok) throw new Error(`continue at ${inject.id} refused: ${ack.message}`);
    } else {
      const option = queue.shift();
      if (!option) return;
      if (session.mode === 'vote') {
        for (const member of members) {
          const ack = await member.client.command({ type: 'vote', option, inject: inject.id });
          // The watcher's view can lag a patch behind (e.g. just after a reconnect): the team
          // already left this inject, so take the choice back and look again.
          if (!ack.ok && ack.code === 'STALE') {
            queue.unshift(option);
            break;
          }
          if (!ack.ok) throw new Error(`vote by ${member.name} at ${inject.id} refused: ${ack.message}`);
        }
      } else if (session.mode === 'lead') {
        const others = members.filter((m) => m !== lead);
        if (others[0])
          await others[0].client.command({ type: 'vote', option, reason: 'recommendation', inject: inject.id });
        const ack = await lead.client.command({ type: 'commit', option, inject: inject.id });
        if (!ack.ok) throw new Error(`commit at ${inject.id} refused: ${ack.message}`);
      } else {
        const ack = await session.facilitator.command({ type: 'record', teamId, option, inject: inject.id });
        if (!ack.ok) throw new Error(`record at ${inject.id} refused: ${ack.message}`);
      }
    }
    await watcher.waitFor(
      (s) => s.version > before && s.teams.find((t) => t.id === teamId)?.decision.injectId !== inject.id,
      5000,
      `team ${teamId} to leave ${inject.id}`,
    );
  }
  throw new Error(`team ${teamId} did not reach an ending in 50 steps`);
}

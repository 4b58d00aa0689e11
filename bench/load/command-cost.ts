/**
 * Where a command's server time goes, in-process and without sockets: a registry on a real
 * SQLite store, exercises of P players, every player voting through the drill; each command is
 * timed through room.handle (checks → apply → persist → the listener), with the listener doing
 * what the socket layer does per event (one projection per class, JSON-encoded once).
 * `npx tsx bench/load/command-cost.ts [players=20] [exercises=20]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offeredOptions } from '../../server/engine/team-state.ts';
import { ExerciseRegistry } from '../../server/exercise/registry.ts';
import { ScenarioCatalog } from '../../server/exercise/scenarios.ts';
import { openSqliteStore } from '../../server/exercise/store/sqlite.ts';
import { classesOf, projectPatch } from '../../server/exercise/projection.ts';
import { summarize, ROOT } from './common.ts';

const players = Number(process.argv[2] ?? 20);
const exercises = Number(process.argv[3] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'breachdrill-cost-'));
const store = openSqliteStore(dir);
const catalog = ScenarioCatalog.fromDirectory(join(ROOT, 'scenarios'), () => {});
let bytes = 0;
let lastBytes = 0;
let projectMs = 0;
const sizes: Record<string, number[]> = { vote: [], 'deciding vote': [], continue: [] };
const registry = new ExerciseRegistry(store, catalog, (room, _event, change) => {
  const t = performance.now();
  lastBytes = 0;
  for (const cls of classesOf(room.state)) {
    if (cls === 'observer') continue;
    const size = JSON.stringify(projectPatch(room.state, change, cls, () => true)).length;
    bytes += size;
    if (cls.startsWith('team:')) lastBytes = size;
  }
  projectMs += performance.now() - t;
});
const vote: number[] = [];
const deciding: number[] = [];
const cont: number[] = [];
let n = 0;
for (let e = 0; e < exercises; e++) {
  const created = await registry.create({ scenarioId: 'poisoned-fraud-detector', mode: 'vote', teams: ['Team 1'] });
  if (!('exerciseId' in created)) throw new Error(created.message);
  const ids: string[] = [];
  for (let p = 0; p < players; p++) {
    const j = await registry.join({ code: created.code, name: `P${p}`, teamId: 't1' });
    if (!('playerId' in j)) throw new Error(j.message);
    ids.push(j.playerId!);
  }
  const room = (await registry.room(created.exerciseId))!;
  await room.handle({ seat: 'facilitator', playerId: null }, 'fac', {
    id: `start-${e}-xxxx`,
    command: { type: 'start' },
  });
  for (let step = 0; step < 60; step++) {
    const team = room.state.teams[0]!;
    const inject = team.snapshot.context.cursor.inject;
    if (inject === undefined) break;
    const decision = room.state.scenario.drill.injects[inject]!.inject.decision;
    if (!decision) {
      const t = performance.now();
      await room.handle({ seat: 'player', playerId: ids[0]! }, `p:${ids[0]}`, {
        id: `c-${n++}-xxxxxx`,
        command: { type: 'continue', inject },
      });
      cont.push(performance.now() - t);
      sizes.continue!.push(lastBytes);
      continue;
    }
    // only the options the team's state offers (format 2: an option with a `when`)
    const offered = offeredOptions(room.state.scenario.drill, inject, team.snapshot.context);
    const option = offered[(e + step) % offered.length]!.id;
    for (const [i, id] of ids.entries()) {
      const t = performance.now();
      const ack = await room.handle({ seat: 'player', playerId: id }, `p:${id}`, {
        id: `v-${n++}-xxxxxx`,
        command: { type: 'vote', option, inject },
      });
      (i === ids.length - 1 ? deciding : vote).push(performance.now() - t);
      sizes[i === ids.length - 1 ? 'deciding vote' : 'vote']!.push(lastBytes);
      if (!ack.ok) throw new Error(ack.message);
    }
  }
}
const total = [...vote, ...deciding, ...cont];
console.log(
  `${exercises} exercises × ${players} players, ${total.length} commands, ${(total.reduce((a, b) => a + b, 0) / total.length).toFixed(3)} ms mean`,
);
console.log('vote          ', summarize(vote));
console.log('deciding vote ', summarize(deciding));
console.log('continue      ', summarize(cont));
for (const [k, v] of Object.entries(sizes)) console.log(`team patch bytes, ${k}:`, summarize(v));
console.log(
  `projection+JSON: ${(projectMs / total.length).toFixed(3)} ms per command, ${Math.round(bytes / total.length)} bytes per command (all classes)`,
);
registry.close();
store.close();
rmSync(dir, { recursive: true, force: true });

/**
 * The game server under load: the real `startServer` (HTTP + socket.io + SQLite) on 127.0.0.1
 * with the bundled scenarios, a fresh DATA_DIR (or the given one) and the join limit lifted
 * (the generator joins thousands of players from one address), and the per-address socket limits
 * unless BENCH_SHIPPED_LIMITS=1. Everything else is as shipped, including the per-socket command
 * rate limit and the drill checks in worker threads of the compiled server.
 *
 * `node --import tsx bench/load/game-server.ts [maxSeconds]`; DATA_DIR and SCENARIOS_DIR from
 * the environment. Reports its address over IPC; exits with its parent, on SIGTERM (closing the
 * server cleanly, so `--cpu-prof` can write its profile) or at the time limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { drillCheckWorkerFile } from '../../server/exercise/check-in-workers.ts';
import type { SocketLimits } from '../../server/net/socket-limits.ts';
import { startServer } from '../../server/net/start.ts';
import { dieWithParent, reportLoopDelay, ROOT, type ServerMessage } from './common.ts';

const BENCH_LIFTED_LIMITS: Partial<SocketLimits> = {
  socketsPerAddress: 1_000_000,
  connectionsPerAddressPerSecond: 1_000_000,
  addressCommandsPerSecond: 1_000_000_000,
  addressHellosPerSecond: 1_000_000_000,
  socketHellosPerSecond: 1_000_000,
  credentialHellosPerSecond: 1_000_000,
  socketsPerCredential: 1_000_000,
  // the generators open their sockets up front and say hello when a seat needs one, which on a
  // loaded machine can be long after R7's 5 s
  helloTimeoutMs: 3_600_000,
};
const maxSeconds = Number(process.argv[2] ?? 900);
const ownData = !process.env.DATA_DIR;
const dataDir = process.env.DATA_DIR
  ? resolve(process.env.DATA_DIR)
  : mkdtempSync(join(tmpdir(), 'breachdrill-bench-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  scenariosDir: resolve(process.env.SCENARIOS_DIR ?? join(ROOT, 'scenarios')),
  clientDir: process.env.CLIENT_DIR ? resolve(process.env.CLIENT_DIR) : null,
  managerKey: 'bench-manager-key-0123456789',
  quiet: true,
  // drills are checked as the compiled server checks them, in worker threads (index.ts builds it)
  drillCheckWorker: drillCheckWorkerFile(pathToFileURL(join(ROOT, 'dist/server/serve.js')).href),
  // Every simulated player of the benchmarks connects from 127.0.0.1, and seats reuse sockets across
  // exercises (a hello per seat taken): lift the per-address and hello limits (R4, R5, R7). The
  // abuse bench (BENCH_SHIPPED_LIMITS=1) keeps every limit as shipped.
  limits:
    process.env.BENCH_SHIPPED_LIMITS === '1'
      ? { joinsPerMinute: 1_000_000_000 }
      : { joinsPerMinute: 1_000_000_000, ...BENCH_LIFTED_LIMITS },
});
process.send?.({ type: 'ready', url: server.url, pid: process.pid } satisfies ServerMessage);
reportLoopDelay();
dieWithParent(maxSeconds, async () => {
  await server.close();
  if (ownData) rmSync(dataDir, { recursive: true, force: true });
});

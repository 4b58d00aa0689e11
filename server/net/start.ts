/**
 * Starting the game server: open the store, load the scenarios, restore every unfinished
 * exercise from its log, then listen (HTTP + socket.io on one port). `startFromEnv` is what
 * `npm start` and `breachdrill serve` run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import { countingCache, engineFingerprint, fileCheckCache } from '../exercise/check-cache.ts';
import { checkInWorkers, drillCheckWorkerFile } from '../exercise/check-in-workers.ts';
import { ExerciseRegistry } from '../exercise/registry.ts';
import type { RoomListener } from '../exercise/room.ts';
import { ScenarioCatalog, uncheckedDrills } from '../exercise/scenarios.ts';
import { openPostgresStore, PostgresStore } from '../exercise/store/postgres.ts';
import { Cluster, ClusterBus, ClusterLeases, newNodeId } from './cluster.ts';
import { openSqliteStore } from '../exercise/store/sqlite.ts';
import type { Store } from '../exercise/store/types.ts';
import type { SyncFile } from '../exercise/store/wal-sync.ts';
import { hashSecret, newSecret } from '../exercise/tokens.ts';
import { ReportIndex } from '../report/report-index.ts';
import { httpHandler } from './http.ts';
import { documentsRoutes } from './documents-http.ts';
import { reportsRoutes } from './reports-http.ts';
import { sharesRoutes } from './shares-http.ts';
import { whatIfRoutes } from './whatif-http.ts';
import { LIMITS } from '../../protocol/index.ts';
import { redactSecrets } from './redact.ts';
import { SocketGuard, socketLimitsFromEnv, type SocketLimits } from './socket-limits.ts';
import { attachSockets, type GameServer } from './sockets.ts';
import { staticHandler } from './static.ts';

export interface StartOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Holds breachdrill.sqlite (unused with `databaseUrl`). */
  dataDir: string;
  /** A PostgreSQL connection string (DATABASE_URL): the event log lives there instead of SQLite. */
  databaseUrl?: string;
  /** The PostgreSQL schema to use (created when missing); the database's default when omitted. */
  databaseSchema?: string;
  /**
   * A Redis URL (REDIS_URL), with `databaseUrl`: this process is one node of a cluster. Sockets
   * connect to any node; broadcasts cross nodes through Redis; each exercise is served by the node
   * holding its lease in PostgreSQL (net/cluster.ts).
   */
  redisUrl?: string;
  /** Drill YAML files offered for new exercises; none when omitted. */
  scenariosDir?: string;
  /** The built client (dist/client); null or a missing directory disables static files. */
  clientDir?: string | null;
  /** The manager key; generated and printed once at first start when neither this nor a stored one exists. */
  managerKey?: string;
  /** No log lines on stdout/stderr except errors. */
  quiet?: boolean;
  /** Flushes the SQLite WAL to disk (S8); tests hold or fail it. fs.fdatasync when omitted. */
  syncFile?: SyncFile;
  /**
   * The compiled drill check worker (dist/server/drill-check-worker.js): by default the one beside
   * this module, which only the compiled server has; where there is none, drills are checked in
   * the main thread. The load benchmark runs the TypeScript server with the compiled worker.
   */
  drillCheckWorker?: string;
  /** Overrides of the limits (tests and benchmarks join thousands of players from one address). */
  limits?: { joinsPerMinute?: number; finishedInMemory?: number } & Partial<SocketLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** This node's name in a cluster (null on its own). */
  node: string | null;
  /** How many exercises were restored from the log at start, and how long it took. */
  restored: { exercises: number; failed: number; ms: number };
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = (message: string) => {
    if (!options.quiet) console.log(`breachdrill: ${redactSecrets(message)}`);
  };
  const warn = (message: string) => console.error(`breachdrill: ${redactSecrets(message)}`);
  const store: Store & { migrated: ReadonlyArray<{ version: number; name: string }> } = options.databaseUrl
    ? await openPostgresStore(options.databaseUrl, {
        warn,
        ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
      })
    : openSqliteStore(options.dataDir, warn, options.syncFile ? { syncFile: options.syncFile } : {});
  if (store.migrated.length)
    log(`database schema migrated: ${store.migrated.map((step) => `${step.version} (${step.name})`).join('; ')}`);
  try {
    await setupManagerKey(store, options.managerKey, (key) =>
      console.log(`breachdrill: manager key (shown once, store it safely): ${key}`),
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  const checks = performance.now();
  const warnUnlessQuiet = options.quiet ? () => {} : warn;
  // drills already checked by this engine build load from their cached check (issue 10)
  const checkCache = fileCheckCache(join(options.dataDir, 'check-cache'), engineFingerprint(), warn);
  const { cache, seen } = countingCache(checkCache);
  // the compiled server checks the others in worker threads (check-in-workers.ts)
  const workerFile = options.drillCheckWorker ?? drillCheckWorkerFile(import.meta.url);
  const unchecked = workerFile ? uncheckedDrills(options.scenariosDir, checkCache) : [];
  const prechecked =
    workerFile && unchecked.length ? await checkInWorkers(unchecked, workerFile, warnUnlessQuiet) : undefined;
  const catalog = ScenarioCatalog.fromDirectory(options.scenariosDir, warnUnlessQuiet, cache, prechecked);
  const inThreads = prechecked?.size ? `, ${prechecked.size} checked in worker threads` : '';
  log(
    `loaded ${catalog.list().length} scenario(s) in ${Math.round(performance.now() - checks)} ms (${seen.hits} from the check cache${inThreads})`,
  );

  const http = createServer();
  const { joinsPerMinute, finishedInMemory, ...socketLimits } = options.limits ?? {};
  const guard = new SocketGuard(socketLimits);
  if (options.redisUrl && !(store instanceof PostgresStore)) {
    await store.close();
    throw new Error('REDIS_URL needs DATABASE_URL: the nodes of a cluster share one PostgreSQL database');
  }
  const node = options.redisUrl
    ? await joinCluster(options.redisUrl, store as PostgresStore, options.databaseSchema ?? 'public', warn)
    : null;
  if (node) log(`cluster node ${node.cluster.bus.node}: serving exercises whose lease it holds, forwarding the rest`);
  const io: GameServer = new Server(http, {
    // R7: an address at its socket cap, or opening sockets too fast, is refused before the WebSocket upgrade
    allowRequest: (req, answer) => answer(null, guard.admitConnection(req.socket.remoteAddress ?? 'unknown')),
    maxHttpBufferSize: LIMITS.payloadBytes,
    transports: ['websocket', 'polling'],
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 20_000,
  });
  let registry: ExerciseRegistry | undefined;
  if (node) io.adapter(node.adapter);
  const sockets = attachSockets(io, () => registry!, warn, guard, node?.cluster);
  const index = new ReportIndex(store, catalog, warn);
  const listener: RoomListener = (room, event, change) => {
    sockets.broadcast(room, event, change);
    // the report list's summary is written when play finishes and when it ends (S10)
    if (change.records.some((r) => r.kind === 'status' && (r.status === 'debrief' || r.status === 'ended')))
      index.refreshSoon(room.id);
  };
  registry = new ExerciseRegistry(store, catalog, listener, Date.now, {
    onEvicted: sockets.forget,
    ...(node ? { ownership: node.cluster.leases } : {}),
    ...(finishedInMemory !== undefined ? { finishedInMemory } : {}),
  });
  const report = await registry.restoreAll();
  node?.cluster.leases.start(registry);
  for (const failure of report.failed) warn(`could not restore exercise ${failure.exerciseId}: ${failure.error}`);
  for (const restored of report.exercises)
    log(
      `restored exercise ${restored.exerciseId} (${restored.status}) from ${restored.events} logged event${restored.events === 1 ? '' : 's'}`,
    );
  // bench/recovery.ts reads this line
  log(
    `restored ${report.restored} unfinished exercise(s) in ${Math.round(report.ms)} ms${report.deferred ? `; ${report.deferred} in the debrief stay on disk until opened` : ''}`,
  );

  const summaries = performance.now();
  const made = await index.rebuild();
  if (made)
    log(
      `made ${made} report summar${made === 1 ? 'y' : 'ies'} missing from the database in ${Math.round(performance.now() - summaries)} ms`,
    );

  const serveStatic = options.clientDir ? staticHandler(options.clientDir) : null;
  const reports = reportsRoutes({ store, catalog, index });
  const more = [
    documentsRoutes({ store, catalog }),
    sharesRoutes({ store, index }),
    whatIfRoutes({ store, catalog, index }),
  ];
  http.on(
    'request',
    httpHandler({
      registry,
      catalog,
      serveStatic,
      log: warn,
      joinsPerMinute: joinsPerMinute ?? LIMITS.joinsPerMinutePerAddress,
      reports,
      more,
      ...(node ? { cluster: node.cluster } : {}),
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(options.port, host, () => {
      http.off('error', fail);
      done();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  log(`serving ${catalog.list().length} scenario(s) on ${url}${serveStatic ? '' : ' (API only: no built client)'}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    node: node?.cluster.bus.node ?? null,
    restored: { exercises: report.restored, failed: report.failed.length, ms: report.ms },
    close: () =>
      (closing ??= (async () => {
        await node?.cluster.leases.stop(); // other nodes take this node's exercises over at once
        registry!.close();
        io.disconnectSockets(true);
        await new Promise<void>((done) => void io.close(() => done()));
        await node?.stop();
        await store.close();
      })()),
  };
}

/** Connects to Redis: the requests between nodes, and the socket.io adapter that carries broadcasts to every node. */
async function joinCluster(redisUrl: string, store: PostgresStore, schema: string, warn: (message: string) => void) {
  const { createClient } = await import('redis');
  const { createAdapter } = await import('@socket.io/redis-streams-adapter');
  const pub = createClient({ url: redisUrl });
  pub.on('error', (error: Error) => warn(`redis: ${error.message}`));
  await pub.connect();
  const sub = pub.duplicate();
  sub.on('error', () => {}); // the same connection problems, said once by pub
  await sub.connect();
  const nodeId = newNodeId();
  const bus = new ClusterBus(nodeId, pub as never, sub as never);
  await bus.start();
  const cluster = new Cluster(bus, new ClusterLeases(nodeId, store, warn));
  return {
    cluster,
    // one stream per database schema: the nodes of one cluster share it, another cluster on the same Redis does not
    adapter: createAdapter(pub, { streamName: `breachdrill:${schema}` }),
    stop: async () => {
      bus.stop();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}

/** Stores the manager key's hash: the given one, else the stored one, else a new one printed once. */
async function setupManagerKey(store: Store, given: string | undefined, print: (key: string) => void): Promise<void> {
  const stored = await store.getMeta('manager_key_hash');
  if (given !== undefined) {
    if (given.length < 16 || given.length > 128)
      throw new Error(`the manager key must be 16 to 128 characters (BREACHDRILL_MANAGER_KEY has ${given.length})`);
    const hash = hashSecret(given);
    if (stored === hash) return;
    if (stored) await store.removeCredential(stored);
    await store.addCredential(hash, { exerciseId: null, seat: 'manager', playerId: null });
    await store.setMeta('manager_key_hash', hash);
    return;
  }
  if (stored) return;
  const key = newSecret();
  const hash = hashSecret(key);
  await store.addCredential(hash, { exerciseId: null, seat: 'manager', playerId: null });
  await store.setMeta('manager_key_hash', hash);
  print(key);
}

/** The limits an operator may tune (README, Operations); each a whole number ≥ 1 when set. */
function limitsFromEnv(env: NodeJS.ProcessEnv): NonNullable<StartOptions['limits']> {
  const tuned: NonNullable<StartOptions['limits']> = {};
  // the socket limits, BREACHDRILL_COMMANDS_PER_SECOND among them, are read by socketLimitsFromEnv
  const names = {
    joinsPerMinute: 'BREACHDRILL_JOINS_PER_MINUTE',
    finishedInMemory: 'BREACHDRILL_FINISHED_IN_MEMORY',
  } as const;
  for (const [key, name] of Object.entries(names) as Array<[keyof typeof names, string]>) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a whole number of 1 or more, found "${text}"`);
    tuned[key] = value;
  }
  return tuned;
}

/**
 * Starts from the environment: PORT (3000), HOST (0.0.0.0, so others on the network can join),
 * DATA_DIR (./data), DATABASE_URL and DATABASE_SCHEMA (PostgreSQL instead of SQLite), BREACHDRILL_MANAGER_KEY, the BREACHDRILL_* limits; scenarios from ./scenarios,
 * client from ./dist/client.
 * Stops cleanly on SIGINT and SIGTERM.
 */
export async function startFromEnv(): Promise<RunningServer> {
  const env = process.env;
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number 0-65535, found "${env.PORT}"`);
  const server = await startServer({
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.DATABASE_SCHEMA ? { databaseSchema: env.DATABASE_SCHEMA } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    scenariosDir: resolve(env.SCENARIOS_DIR || './scenarios'),
    clientDir: resolve(env.CLIENT_DIR || './dist/client'),
    ...(env.BREACHDRILL_MANAGER_KEY ? { managerKey: env.BREACHDRILL_MANAGER_KEY } : {}),
    quiet: env.BREACHDRILL_QUIET === '1',
    limits: { ...limitsFromEnv(env), ...socketLimitsFromEnv(env) },
  });
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

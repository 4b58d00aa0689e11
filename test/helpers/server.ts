/**
 * Test servers: `startTestServer` runs the real server in-process on 127.0.0.1 and a free port,
 * with a fresh data directory and only the drills you name; `close()` stops it and (unless
 * `keepData`) removes the directory. Fixture drills are copied, optionally rewritten (for
 * example to shorten discussion limits), so tests never depend on the bundled scenarios.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SocketLimits } from '../../server/net/socket-limits.ts';
import { startServer, type RunningServer } from '../../server/net/start.ts';
import type { SyncFile } from '../../server/exercise/store/wal-sync.ts';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The engine's three-decision test drill (id `mini-drill`). */
export const MINI = join(ROOT, 'test/fixtures/valid/mini.yaml');

export interface DrillFile {
  /** Source file. */
  from: string;
  /** Text replacements applied to the copy, e.g. [['id: mini-drill', 'id: quick'], ['discuss: 2m', 'discuss: 2s']]. */
  replace?: Array<[string, string]>;
  /** File name of the copy (defaults to the source's). */
  as?: string;
}

/** A directory holding copies of the given drills. */
export function scenarioDir(drills: Array<string | DrillFile>): string {
  const dir = mkdtempSync(join(tmpdir(), 'breachdrill-scenarios-'));
  for (const drill of drills) {
    const spec = typeof drill === 'string' ? { from: drill } : drill;
    const target = join(dir, spec.as ?? basename(spec.from));
    if (!spec.replace) copyFileSync(spec.from, target);
    else
      writeFileSync(
        target,
        spec.replace.reduce((text, [a, b]) => text.replaceAll(a, b), readFileSync(spec.from, 'utf8')),
      );
  }
  return dir;
}

/** The mini drill with every discussion limit set to `seconds`, under id `mini-quick`. */
export function quickMini(seconds: number): DrillFile {
  return {
    from: MINI,
    as: 'mini-quick.yaml',
    replace: [
      ['id: mini-drill', 'id: mini-quick'],
      ['discuss: 2m', `discuss: ${seconds}s`],
    ],
  };
}

export interface TestServer extends RunningServer {
  dataDir: string;
  scenariosDir: string;
  /** Stops the server, then restarts it on the same data directory and port. */
  restart(): Promise<TestServer>;
}

export interface TestServerOptions {
  drills?: Array<string | DrillFile>;
  dataDir?: string;
  scenariosDir?: string;
  port?: number;
  managerKey?: string;
  keepData?: boolean;
  /** Remove the data directory on close (default: when this call created it). */
  ownsData?: boolean;
  /** Joins per address per minute (default 100,000 so suites can join freely). */
  joinsPerMinute?: number;
  /** Finished exercises kept in memory (default: the server's). */
  finishedInMemory?: number;
  /** Commands per second per socket and per seat (default: the server's). */
  commandsPerSecond?: number;
  /**
   * Socket limits (R2, R4–R8). Every test client comes from 127.0.0.1, so the per-address ones
   * are lifted unless given; per-socket and per-seat ones stay as shipped.
   */
  limits?: Partial<SocketLimits>;
  /** Holds or fails the SQLite WAL's flushes (S8). */
  syncFile?: SyncFile;
  /** PostgreSQL instead of SQLite: the connection string and the schema (a test's own). */
  database?: { url: string; schema: string };
}

/** Per-address limits high enough for a suite whose every client shares 127.0.0.1. */
export const LOOPBACK_LIMITS: Partial<SocketLimits> = {
  socketsPerAddress: 100_000,
  connectionsPerAddressPerSecond: 100_000,
  addressCommandsPerSecond: 1_000_000,
  addressHellosPerSecond: 1_000_000,
};

/** Starts a quiet in-process server for a test. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'breachdrill-data-'));
  const scenariosDir = options.scenariosDir ?? scenarioDir(options.drills ?? [MINI]);
  const server = await startServer({
    port: options.port ?? 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir,
    ...(options.database ? { databaseUrl: options.database.url, databaseSchema: options.database.schema } : {}),
    clientDir: null,
    ...(options.syncFile ? { syncFile: options.syncFile } : {}),
    managerKey: options.managerKey ?? 'test-manager-key-0123456789',
    quiet: true,
    limits: {
      ...LOOPBACK_LIMITS,
      ...options.limits,
      joinsPerMinute: options.joinsPerMinute ?? 100_000,
      ...(options.finishedInMemory !== undefined ? { finishedInMemory: options.finishedInMemory } : {}),
      ...(options.commandsPerSecond !== undefined
        ? { commandsPerSecond: options.commandsPerSecond, credentialCommandsPerSecond: options.commandsPerSecond }
        : {}),
    },
  });
  const self: TestServer = {
    ...server,
    dataDir,
    scenariosDir,
    close: async () => {
      await server.close();
      if (!options.keepData && (options.ownsData ?? !options.dataDir))
        rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async () => {
      await server.close();
      return startTestServer({
        ...options,
        dataDir,
        scenariosDir,
        port: server.port,
        ownsData: options.ownsData ?? !options.dataDir,
      });
    },
  };
  return self;
}

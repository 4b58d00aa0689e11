/**
 * Three (or more) real server processes on one PostgreSQL schema and one Redis, for the cluster
 * tests: start, find the node serving an exercise (its lease), SIGKILL, SIGSTOP/SIGCONT, restart
 * on the same port so its clients reconnect by themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { MINI, scenarioDir, type DrillFile } from '../helpers/server.ts';
import { databaseUrl, dropSchema, freshSchema, redisUrl } from '../helpers/services.ts';

export interface ClusterNode {
  index: number;
  process: ServerProcess;
  url: string;
}

export class TestCluster {
  readonly nodes: ClusterNode[] = [];
  private readonly dirs: string[] = [];
  private readonly db: pg.Pool;

  private constructor(
    readonly schema: string,
    private readonly scenariosDir: string,
    private readonly env: Record<string, string>,
  ) {
    this.db = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
  }

  /**
   * The mini drill by default, with discussion limits of 90 minutes: on a loaded machine a scripted
   * drill must not race its wall-clock deadlines.
   */
  static async start(
    count: number,
    drills: Array<string | DrillFile> = [{ from: MINI, replace: [['discuss: 2m', 'discuss: 90m']] }],
    env: Record<string, string> = {},
  ): Promise<TestCluster> {
    const cluster = new TestCluster(freshSchema('bd_cluster'), scenarioDir(drills), env);
    // the first node migrates alone; the others start together
    await cluster.spawn(0);
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => cluster.spawn(i + 1)));
    return cluster;
  }

  /** Starts node `index` (again, on its old port when it ran before). */
  async spawn(index: number): Promise<ClusterNode> {
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-node-'));
    this.dirs.push(dataDir);
    const previous = this.nodes[index];
    const proc = await spawnServer({
      dataDir,
      scenariosDir: this.scenariosDir,
      timeoutMs: 60_000,
      ...(previous ? { port: previous.process.port } : {}),
      env: {
        DATABASE_URL: databaseUrl(),
        DATABASE_SCHEMA: this.schema,
        REDIS_URL: redisUrl(),
        BREACHDRILL_QUIET: '0',
        BREACHDRILL_JOINS_PER_MINUTE: '100000',
        BREACHDRILL_SOCKETS_PER_ADDRESS: '10000',
        BREACHDRILL_CONNECTIONS_PER_ADDRESS_PER_SECOND: '10000',
        BREACHDRILL_COMMANDS_PER_ADDRESS: '100000',
        BREACHDRILL_HELLOS_PER_ADDRESS: '100000',
        BREACHDRILL_HELLOS_PER_SEAT: '1000',
        ...this.env,
      },
    });
    const node = { index, process: proc, url: proc.url };
    this.nodes[index] = node;
    return node;
  }

  /** The node whose process holds the exercise's lease now (node ids carry the process id). */
  async owner(exerciseId: string): Promise<ClusterNode | undefined> {
    const { rows } = await this.db.query<{ node_id: string }>(
      `SELECT node_id FROM ${this.schema}.leases WHERE exercise_id = $1`,
      [exerciseId],
    );
    const pid = rows[0] ? Number(rows[0].node_id.split('-').at(-2)) : NaN;
    return this.nodes.find((n) => n.process.child.pid === pid);
  }

  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.db.query<R>(sql.replaceAll('$schema', this.schema), values)).rows;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.process.kill('SIGKILL')));
    await this.db.end();
    await dropSchema(this.schema);
    for (const dir of [...this.dirs, this.scenariosDir]) rmSync(dir, { recursive: true, force: true });
  }
}

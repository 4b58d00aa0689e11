/**
 * PostgreSQL and Redis for the tests that need them (the PostgreSQL store contract, the
 * cluster tests). DATABASE_URL and REDIS_URL name them; without those the local defaults are
 * tried (PostgreSQL on 127.0.0.1:5432 database test, Redis on 127.0.0.1:6379). When a service
 * does not answer, a suite that needs it is skipped with one loud line naming it, except under
 * CI=true, where the suite fails instead: CI never skips these.
 */
import { createConnection } from 'node:net';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** vitest.config.ts moves DATABASE_URL and REDIS_URL to these names, so spawned servers do not inherit them. */
export const databaseUrl = (): string =>
  process.env.BREACHDRILL_TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
export const redisUrl = (): string =>
  process.env.BREACHDRILL_TEST_REDIS_URL || process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** Why PostgreSQL cannot be used, or null when it answers a query. */
export async function postgresProblem(url = databaseUrl()): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `no PostgreSQL at ${url.replace(/\/\/[^@/]*@/, '//')} (${(error as Error).message || (error as { code?: string }).code})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why Redis cannot be used, or null when it answers PING. */
export function redisProblem(url = redisUrl()): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const timer = setTimeout(() => finish(`no Redis at ${hostname}:${port || 6379} (no answer within 2 s)`), 2000);
    const finish = (problem: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      done(problem);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) =>
      finish(
        data.toString().startsWith('+PONG')
          ? null
          : `Redis at ${hostname}:${port} answered ${JSON.stringify(data.toString().trim())}`,
      ),
    );
    socket.once('error', (error) => finish(`no Redis at ${hostname}:${port || 6379} (${error.message})`));
  });
}

/**
 * Whether a suite that needs these services runs. Skipping prints one loud line; under CI=true
 * a missing service throws instead, which fails the test file.
 */
export async function servicesFor(suite: string, needs: { postgres?: boolean; redis?: boolean }): Promise<boolean> {
  const problems = (
    await Promise.all([needs.postgres ? postgresProblem() : null, needs.redis ? redisProblem() : null])
  ).filter((p): p is string => p !== null);
  if (problems.length === 0) return true;
  const line = `${suite}: ${problems.join('; ')}`;
  if (process.env.CI === 'true')
    throw new Error(`${line}. CI runs this suite: start the services (.ci/run does) or set DATABASE_URL / REDIS_URL`);
  console.warn(`\n!!!!! SKIPPED ${line}. Set DATABASE_URL / REDIS_URL or start the services to run it. !!!!!\n`);
  return false;
}

/** A fresh schema name for one test run, so parallel runs on one database never collide. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a schema made by `freshSchema`, with everything in it. */
export async function dropSchema(schema: string, url = databaseUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

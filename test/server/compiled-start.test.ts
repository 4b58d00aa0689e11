/**
 * `npm start` runs the server compiled into dist/server (bin/build.js), not the TypeScript
 * sources: the bundle must start under plain node (no tsx loader, so no .ts file can load),
 * keep its data across a SIGKILL, and find the SQLite checkpoint worker beside itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExercise, request } from '../helpers/http.ts';
import { spawnServer } from '../helpers/process.ts';
import { MINI, ROOT, scenarioDir } from '../helpers/server.ts';

const SERVER_DIR = join(ROOT, 'dist/server');
// plain node, no tsx: what bin/start.js does after building
const COMPILED = [
  '--input-type=module',
  '-e',
  `import(${JSON.stringify(join(SERVER_DIR, 'serve.js'))}).then((m) => m.serveFromEnv())`,
];

describe('compiled server (npm start)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-compiled-'));
    const built = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import('./bin/build.js').then((b) => b.buildServer())"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(built.status, built.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('bundles server/ and protocol/ into dist/server with the checkpoint worker beside the bundle', () => {
    const bundle = readFileSync(join(SERVER_DIR, 'serve.js'), 'utf8');
    expect(bundle).not.toMatch(/from ["'][^"']*\.ts["']/);
    // packages are bundled (no file resolution at start) except the native SQLite binding
    expect(bundle).not.toMatch(/from ["'](socket\.io|zod|yaml|xstate)["']/);
    expect(bundle).toMatch(/from ["']better-sqlite3["']|require\(["']better-sqlite3["']\)/);
    expect(bundle).toContain('new URL("./checkpoint-worker.mjs", import.meta.url)');
    expect(existsSync(join(SERVER_DIR, 'checkpoint-worker.mjs'))).toBe(true);
  });

  it('serves under plain node and keeps an exercise across a SIGKILL', async () => {
    const scenarios = scenarioDir([MINI]);
    let server = await spawnServer({ dataDir, scenariosDir: scenarios, args: COMPILED, timeoutMs: 30_000 });
    try {
      const created = await createExercise(server.url, { scenarioId: 'mini-drill', teams: ['Blue'] });
      await server.kill('SIGKILL');
      server = await spawnServer({ dataDir, scenariosDir: scenarios, args: COMPILED, timeoutMs: 30_000 });
      expect(server.output()).toContain(`restored exercise ${created.exerciseId}`);
      // the second start loads the drill's check from the cache the first one wrote (issue 10)
      expect(readdirSync(join(dataDir, 'check-cache'))).toHaveLength(1);
      const health = await request(server.url, '/healthz');
      expect(health).toMatchObject({ status: 200, body: { ok: true, exercises: 1 } });
    } finally {
      await server.kill('SIGKILL');
    }
  }, 90_000);

  it('keeps drill checks across a rebuild that leaves the engine alone, shared with the tsx server', async () => {
    const scenarios = scenarioDir([MINI]);
    const cacheDir = mkdtempSync(join(tmpdir(), 'breachdrill-cache-'));
    const start = async (args?: string[]) => {
      const server = await spawnServer({ dataDir: cacheDir, scenariosDir: scenarios, args, timeoutMs: 30_000 });
      await server.kill('SIGKILL');
      return server.output();
    };
    try {
      // the TypeScript server (npm run dev) checks the drill in full and keeps the result
      expect(await start()).toContain('loaded 1 scenario(s)');
      expect(readdirSync(join(cacheDir, 'check-cache'))).toHaveLength(1);
      // a fresh build of the same engine: the compiled server loads it from that entry
      const rebuilt = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', "import('./bin/build.js').then((b) => b.buildServer())"],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(rebuilt.status, rebuilt.stderr).toBe(0);
      expect(await start(COMPILED)).toContain('(1 from the check cache)');
      // an edited drill is checked in full again
      const drill = join(scenarios, readdirSync(scenarios)[0]!);
      writeFileSync(drill, readFileSync(drill, 'utf8').replace(/^title: .*$/m, 'title: Mini drill, edited'));
      expect(await start(COMPILED)).toContain('(0 from the check cache)');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});

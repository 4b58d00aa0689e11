/**
 * `npm start` runs the server compiled into dist/server (bin/build.js), not the TypeScript
 * sources: the bundle must start under plain node (no tsx loader, so no .ts file can load),
 * keep its data across a SIGKILL, and find the SQLite checkpoint worker and the drill check
 * worker beside itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInWorkers, drillCheckWorkerFile } from '../../server/exercise/check-in-workers.ts';
import { compileScenario, ScenarioCatalog, textHash } from '../../server/exercise/scenarios.ts';
import { scenarioFiles } from '../engine/helpers.ts';
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

  it('bundles server/ and protocol/ into dist/server with both workers beside the bundle', () => {
    const bundle = readFileSync(join(SERVER_DIR, 'serve.js'), 'utf8');
    expect(bundle).not.toMatch(/from ["'][^"']*\.ts["']/);
    // packages are bundled (no file resolution at start) except the native SQLite binding
    expect(bundle).not.toMatch(/from ["'](socket\.io|zod|yaml|xstate)["']/);
    expect(bundle).toMatch(/from ["']better-sqlite3["']|require\(["']better-sqlite3["']\)/);
    expect(bundle).toContain('new URL("./checkpoint-worker.mjs", import.meta.url)');
    expect(existsSync(join(SERVER_DIR, 'checkpoint-worker.mjs'))).toBe(true);
    expect(bundle).toContain('new URL("./drill-check-worker.js", base)');
    expect(existsSync(join(SERVER_DIR, 'drill-check-worker.js'))).toBe(true);
    // the TypeScript sources have no compiled worker beside them: tsx and vitest check in-thread
    expect(drillCheckWorkerFile(new URL('../../server/net/start.ts', import.meta.url).href)).toBeUndefined();
  });

  it('checks uncached drills in worker threads and words a broken drill as the tsx server does', async () => {
    const scenarios = scenarioDir([
      MINI,
      {
        from: MINI,
        as: 'broken.yaml',
        replace: [
          ['id: mini-drill', 'id: broken-drill'],
          ['next: good-end', 'next: nowhere'],
        ],
      },
    ]);
    const dirs = [mkdtempSync(join(tmpdir(), 'breachdrill-threads-')), mkdtempSync(join(tmpdir(), 'breachdrill-tsx-'))];
    const skipped = (output: string) => output.split('\n').find((line) => line.includes('skipping scenario'));
    try {
      const compiled = await spawnServer({
        dataDir: dirs[0]!,
        scenariosDir: scenarios,
        args: COMPILED,
        timeoutMs: 30_000,
      });
      const list = await request(compiled.url, '/api/scenarios');
      await compiled.kill('SIGKILL');
      expect(compiled.output()).toContain('(0 from the check cache, 2 checked in worker threads)');
      expect((list.body as Array<{ id: string }>).map((s) => s.id)).toEqual(['mini-drill']);
      const tsx = await spawnServer({ dataDir: dirs[1]!, scenariosDir: scenarios, timeoutMs: 30_000 });
      await tsx.kill('SIGKILL');
      expect(tsx.output()).not.toContain('worker threads');
      expect(skipped(compiled.output())).toContain('broken.yaml: 1 error(s)');
      expect(skipped(compiled.output())).toContain('next: unknown inject or ending');
      expect(skipped(compiled.output())!.replace(/^.*skipping/, '')).toBe(
        skipped(tsx.output())!.replace(/^.*skipping/, ''),
      );
      // the good drill's check went to the cache: the next start loads it from there
      const again = await spawnServer({
        dataDir: dirs[0]!,
        scenariosDir: scenarios,
        args: COMPILED,
        timeoutMs: 30_000,
      });
      await again.kill('SIGKILL');
      expect(again.output()).toContain('(1 from the check cache, 1 checked in worker threads)');
    } finally {
      for (const dir of [...dirs, scenarios]) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a drill checked in a worker thread is the same drill, with the same paths, as one checked here', async () => {
    const drills = scenarioFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const prechecked = await checkInWorkers(
      drills.map(({ file, text }) => ({ hash: textHash(text), label: file, text })),
      join(SERVER_DIR, 'drill-check-worker.js'),
      (message) => expect.fail(message),
    );
    expect(prechecked.size).toBe(drills.length);
    for (const { file, text } of drills) {
      const here = compileScenario(text, file);
      const there = compileScenario(text, file, undefined, prechecked);
      expect(there.drill, file).toEqual(here.drill);
      expect(there.stats, file).toEqual(here.stats);
      expect(there.summary, file).toEqual(here.summary);
    }
  }, 120_000);

  it('checks in this thread the drills of a worker that fails, and says so', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'breachdrill-worker-')), 'drill-check-worker.js');
    writeFileSync(broken, "throw new Error('no engine here');\n");
    const text = readFileSync(MINI, 'utf8');
    const warnings: string[] = [];
    const drills = [{ hash: 'a'.repeat(64), label: 'mini.yaml', text }];
    const prechecked = await checkInWorkers(drills, broken, (message) => warnings.push(message));
    expect(prechecked.size).toBe(0);
    expect(warnings).toEqual(['a drill check thread failed (no engine here); checking its 1 drill(s) here instead']);
    const catalog = ScenarioCatalog.fromDirectory(join(MINI, '..'), () => {}, undefined, prechecked);
    expect(catalog.get('mini-drill')?.stats.endingsReached.size).toBeGreaterThan(0);
    rmSync(join(broken, '..'), { recursive: true, force: true });
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
      expect(await start(COMPILED)).toContain('(0 from the check cache, 1 checked in worker threads)');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});

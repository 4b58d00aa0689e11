// Builds what `npm start` runs, each part only when it is missing or older than its sources:
// the web client (Vite, into dist/client) and the server (esbuild, into dist/server).
//
// The server is one ES module bundle of server/, protocol/ and the npm packages they use (but
// better-sqlite3, which is native), so starting it needs no TypeScript compiler and resolves no
// package files. The SQLite checkpoint worker is a plain .mjs file
// that the store finds beside the code that loads it (`new URL('./checkpoint-worker.mjs',
// import.meta.url)`), so it is copied next to the bundle.
//
// `node bin/build.js` builds what is stale; `--force` builds both.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeEngineFingerprint } from '../server/exercise/engine-fingerprint.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_INDEX = join(ROOT, 'dist/client/index.html');
export const SERVER_DIR = join(ROOT, 'dist/server');
/** The compiled server; exports `serveFromEnv` (server/serve.ts). */
export const SERVER_ENTRY = join(SERVER_DIR, 'serve.js');
const WORKER = 'server/exercise/store/checkpoint-worker.mjs';

/** Newest modification time of the files under `paths` (files or directories), 0 when none. */
function newest(...paths) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      latest = Math.max(latest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function olderThan(output, ...sources) {
  return !existsSync(output) || newest(...sources.map((s) => join(ROOT, s))) > statSync(output).mtimeMs;
}

/** True when dist/client is missing or older than client/ or protocol/. */
export function clientIsStale() {
  return olderThan(CLIENT_INDEX, 'client', 'protocol', 'vite.config.ts');
}

/** True when dist/server is missing or older than server/, protocol/, the installed packages or this build script. */
export function serverIsStale() {
  return (
    olderThan(SERVER_ENTRY, 'server', 'protocol', 'package-lock.json', 'bin/build.js') ||
    !existsSync(join(SERVER_DIR, 'checkpoint-worker.mjs')) ||
    !existsSync(join(SERVER_DIR, 'drill-check-worker.js'))
  );
}

/** Builds the web client with Vite (about 20 s on 2 cores). */
export function buildClient() {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`building the web client failed (vite exited with ${result.status ?? result.signal})`);
}

/** Bundles the server with esbuild (well under a second). */
export async function buildServer() {
  const { build } = await import('esbuild');
  mkdirSync(SERVER_DIR, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    // the drill check worker (check-in-workers.ts) is its own entry, found beside serve.js
    entryPoints: { serve: 'server/serve.ts', 'drill-check-worker': 'server/exercise/drill-check-worker.ts' },
    outdir: SERVER_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages are bundled too: resolving and compiling hundreds of files in node_modules was most of
    // a start's CPU once drill checks were cached. better-sqlite3 is native and stays in node_modules;
    // ws's optional native speed-ups stay optional.
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules
    banner: {
      js: "import { createRequire as __breachdrillRequire } from 'node:module'; const require = __breachdrillRequire(import.meta.url);",
    },
    // the drill check cache is keyed by the engine, not by the bundle: a rebuild that leaves the
    // engine alone keeps every cached check, and tsx and the bundle share entries
    define: { __ENGINE_FINGERPRINT__: JSON.stringify(computeEngineFingerprint(ROOT)) },
    sourcemap: true,
    logLevel: 'warning',
  });
  copyFileSync(join(ROOT, WORKER), join(SERVER_DIR, 'checkpoint-worker.mjs'));
}

/** Builds the client and the server where stale (all of both with `force`); says what it builds. */
export async function buildStale({ force = false, log = console.log } = {}) {
  if (force || clientIsStale()) {
    log('breachdrill: building the web client (once)...');
    buildClient();
  }
  if (force || serverIsStale()) {
    log('breachdrill: compiling the server (once)...');
    await buildServer();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildStale({ force: process.argv.includes('--force') });
}

// Identifies the engine that produced a drill check result (check-cache.ts): a hash of the
// engine's sources and the versions of the packages it runs on (xstate, yaml, zod). Plain
// JavaScript so that bin/build.js computes the same value and writes it into the compiled
// server: a rebuild that leaves the engine alone keeps the cache, and the compiled server and
// tsx share it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENGINE_PACKAGES = ['xstate', 'yaml', 'zod'];

/** The fingerprint of the engine under `root` (the repository), 32 hex digits. */
export function computeEngineFingerprint(root = ROOT) {
  const hash = createHash('sha256');
  const engineDir = join(root, 'server/engine');
  for (const file of readdirSync(engineDir).sort()) {
    const path = join(engineDir, file);
    if (statSync(path).isFile()) hash.update(`${file}\n`).update(readFileSync(path));
  }
  for (const name of ENGINE_PACKAGES) {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    hash.update(`${name}@${manifest.version}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

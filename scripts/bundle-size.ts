/**
 * Measures the initial JavaScript of the web client: builds it with Vite into a temporary
 * directory, then gzips every script index.html loads up front (the entry and its
 * modulepreloads). Lazy chunks (react-markdown, reports) are listed but not counted.
 * Usage: npx tsx scripts/bundle-size.ts [--budget 130]   (exits 1 over budget)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgetArg = process.argv.indexOf('--budget');
const budgetKb = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 130;
const outDir = mkdtempSync(join(tmpdir(), 'breachdrill-size-'));

try {
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map(
      (m) => m[1]!,
    ),
  );
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
  let total = 0;
  for (const file of initial) {
    const size = gz(file);
    total += size;
    console.log(`initial  ${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
  }
  for (const file of readdirSync(join(outDir, 'assets'))) {
    const rel = `assets/${file}`;
    if (file.endsWith('.js') && !initial.has(rel))
      console.log(`lazy     ${(gz(rel) / 1024).toFixed(1).padStart(7)} KB  ${rel}`);
  }
  const kb = total / 1024;
  console.log(`initial JS gzipped: ${kb.toFixed(1)} KB (budget ${budgetKb} KB)`);
  if (kb > budgetKb) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

/**
 * Client benchmark.
 * - Initial JavaScript: `vite build` into a temporary directory, then the gzipped size (level 9)
 *   of every script index.html loads up front (its module entry and modulepreloads). Lazy chunks
 *   are listed, not counted. Goal: ≤ 130 KB.
 * - Time to interactive of the player view: the real server serving that build on 127.0.0.1, a
 *   player joined (HTTP) to a running exercise, headless Chromium (playwright-core, a fresh
 *   context per run, so nothing is cached). Measured in the page from navigation start to the
 *   first decision option being visible and enabled. Goal: ≤ 1 s.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CreatedExercise, Joined } from '../protocol/index.ts';
import { ROOT, serverReady, spawnNode, stopChild } from './load/common.ts';
import { connect, post } from './load/net.ts';
import { takeSeat } from './load/seat.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';
import { CHROMIUM_CANDIDATES, CHROMIUM_FLAGS, chromiumPath } from '../test/e2e/helpers/chromium.ts';

export const GOAL_KB = 130;
export const GOAL_TTI_MS = 1000;

interface Sizes {
  initial: Array<{ file: string; bytes: number; gzip: number }>;
  lazy: Array<{ file: string; bytes: number; gzip: number }>;
  css: Array<{ file: string; bytes: number; gzip: number }>;
  initialGzipKb: number;
}

async function buildClient(outDir: string): Promise<number> {
  const { build } = await import('vite');
  const started = performance.now();
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return performance.now() - started;
}

function measureSizes(outDir: string): Sizes {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const ref = (pattern: RegExp) => new Set([...html.matchAll(pattern)].map((m) => m[1]!.replace(/^\//, '')));
  const initialFiles = ref(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g);
  const cssFiles = ref(/<link[^>]*rel="stylesheet"[^>]*\shref="([^"]+\.css)"/g);
  const size = (file: string) => {
    const data = readFileSync(join(outDir, file));
    return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  };
  const initial = [...initialFiles].map(size);
  const css = [...cssFiles].map(size);
  const lazy = readdirSync(join(outDir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !initialFiles.has(f))
    .map(size);
  const initialGzipKb = Math.round((initial.reduce((n, f) => n + f.gzip, 0) / 1024) * 10) / 10;
  return { initial, lazy, css, initialGzipKb };
}

/** A running exercise with one player seat for the browser; the facilitator started it. */
async function runningExercise(url: string): Promise<{ joined: Joined; close: () => void }> {
  const created = await post<CreatedExercise>(url, '/api/exercises', {
    scenarioId: 'poisoned-fraud-detector',
    mode: 'vote',
    teams: ['Blue team'],
  });
  const joined = await post<Joined>(url, '/api/join', { code: created.code, name: 'Browser player', teamId: 't1' });
  await post<Joined>(url, '/api/join', { code: created.code, name: 'Teammate', teamId: 't1' });
  const seat = { socket: await connect(url), client: null };
  const facilitator = await takeSeat(seat, created.exerciseId, created.facilitatorKey, 5000);
  const ack = await facilitator.send({ type: 'start' });
  if (!ack.ok) throw new Error(`start: ${ack.message}`);
  return { joined, close: () => facilitator.close() };
}

/**
 * Installed before any page script: records performance.now() (ms since navigation start) when
 * the first decision option is visible and enabled. A string, not a function: tsx's transform
 * adds helpers to functions that do not exist in the page.
 */
const READY_PROBE = `(() => {
  const visible = (el) => {
    const box = (el.closest('label') || el).getBoundingClientRect();
    const style = getComputedStyle(el.closest('label') || el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  let observer = null;
  const check = () => {
    if (window.__tti !== undefined) return;
    const option = document.querySelector('form.decision input[type="radio"], [data-option]');
    if (option && !option.matches(':disabled') && visible(option)) {
      window.__tti = performance.now();
      if (observer) observer.disconnect();
    }
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function measureTti(
  url: string,
  runs: number,
): Promise<{
  runs: Array<{ ms: number; fcp: number | null; domContentLoaded: number }>;
  medianMs: number;
  maxMs: number;
}> {
  const { chromium } = await import('playwright-core');
  if (!chromiumPath)
    throw new Error(`no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}); set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
  const results: Array<{ ms: number; fcp: number | null; domContentLoaded: number }> = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const exercise = await runningExercise(url);
      const context = await browser.newContext();
      try {
        const seat = { token: exercise.joined.token, seat: exercise.joined.seat, savedAt: Date.now() };
        await context.addInitScript({
          content: `localStorage.setItem(${JSON.stringify(`breachdrill:seat:${exercise.joined.exerciseId}`)}, ${JSON.stringify(JSON.stringify(seat))});\n${READY_PROBE}`,
        });
        const page = await context.newPage();
        await page.goto(`${url}/#/x/${exercise.joined.exerciseId}`, { waitUntil: 'commit' });
        await page.waitForFunction('window.__tti !== undefined', null, { timeout: 15_000, polling: 50 });
        const timing = (await page.evaluate(`(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          return { ms: window.__tti, fcp: fcp ? fcp.startTime : null, domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0 };
        })()`)) as { ms: number; fcp: number | null; domContentLoaded: number };
        if (i > 0) results.push(timing); // the first navigation warms up the browser process, not the page
      } finally {
        await context.close();
        exercise.close();
      }
    }
  } finally {
    await browser.close();
  }
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  return { runs: results, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, maxMs: sorted[sorted.length - 1] ?? 0 };
}

export const clientBench: BenchPart = {
  name: 'client',
  description: 'initial JS gzipped (vite build) and player-view time to interactive in headless Chromium',
  async run(options: BenchOptions): Promise<BenchResult> {
    const outDir = mkdtempSync(join(tmpdir(), 'breachdrill-client-'));
    try {
      const buildMs = await buildClient(outDir);
      const sizes = measureSizes(outDir);
      const server = spawnNode(join(ROOT, 'bench/load/game-server.ts'), ['300'], { env: { CLIENT_DIR: outDir } });
      let tti: Awaited<ReturnType<typeof measureTti>>;
      try {
        const { url } = await serverReady(server, 'client server start');
        tti = await measureTti(url, options.quick ? 3 : 7);
      } finally {
        await stopChild(server);
      }
      const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
      const sizeMet = sizes.initialGzipKb <= GOAL_KB;
      const ttiMet = tti.medianMs <= GOAL_TTI_MS;
      return {
        tables: [
          {
            title: `Initial JavaScript (goal: ≤ ${GOAL_KB} KB gzipped; vite build took ${(buildMs / 1000).toFixed(1)} s)`,
            columns: ['kind', 'file', 'KB', 'KB gzip'],
            rows: [
              ...sizes.initial.map((f) => ['initial', f.file, kb(f.bytes), kb(f.gzip)]),
              ['initial', 'total', kb(sizes.initial.reduce((n, f) => n + f.bytes, 0)), sizes.initialGzipKb],
              ...sizes.css.map((f) => ['css', f.file, kb(f.bytes), kb(f.gzip)]),
              ...sizes.lazy.map((f) => ['lazy', f.file, kb(f.bytes), kb(f.gzip)]),
            ],
          },
          {
            title: `Player view time to interactive, headless Chromium on 127.0.0.1, fresh context each (goal: ≤ ${GOAL_TTI_MS} ms)`,
            columns: ['run', 'first option enabled ms', 'first contentful paint ms', 'DOMContentLoaded ms'],
            rows: tti.runs.map((r, i) => [
              String(i + 1),
              Math.round(r.ms),
              r.fcp === null ? '' : Math.round(r.fcp),
              Math.round(r.domContentLoaded),
            ]),
          },
        ],
        notes: [`TTI median ${Math.round(tti.medianMs)} ms, max ${Math.round(tti.maxMs)} ms`],
        summary: [
          { metric: 'initial JS (KB gzipped)', value: sizes.initialGzipKb, goal: `≤ ${GOAL_KB}`, met: sizeMet },
          {
            metric: 'player view TTI (ms, median)',
            value: Math.round(tti.medianMs),
            goal: `≤ ${GOAL_TTI_MS}`,
            met: ttiMet,
          },
        ],
        data: {
          goalKb: GOAL_KB,
          goalTtiMs: GOAL_TTI_MS,
          buildMs: Math.round(buildMs),
          sizes,
          tti: {
            ...tti,
            runs: tti.runs.map((r) => ({
              ms: Math.round(r.ms),
              fcp: r.fcp === null ? null : Math.round(r.fcp),
              domContentLoaded: Math.round(r.domContentLoaded),
            })),
          },
        },
      };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};

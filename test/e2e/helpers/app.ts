/**
 * The app under test: a fresh `vite build` of the client (once per test file) served by the
 * real game server, started in-process on 127.0.0.1 port 0 with a temporary DATA_DIR.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../../../server/net/start.ts';
import { launch } from './browser.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

let built: Promise<string> | null = null;

/** Builds the client into a temporary directory (once per process). */
export function buildClient(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'breachdrill-client-'));
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

export interface RunningApp {
  url: string;
  close: () => Promise<void>;
}

/** Starts the real server with the built client, a temporary data directory and the given scenarios. */
export async function startApp(scenariosDir = join(root, 'scenarios')): Promise<RunningApp> {
  const clientDir = await buildClient();
  const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-data-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir,
    scenariosDir,
    managerKey: 'e2e-manager-key-0123456789',
    quiet: true,
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const repoRoot = root;

/** The drill the browser tests play: E2E_DRILL, else the poisoning drill, else the mini fixture. */
export function testDrill(): string {
  if (process.env.E2E_DRILL) return process.env.E2E_DRILL;
  const poisoning = join(root, 'scenarios/poisoned-fraud-detector.yaml');
  return existsSync(poisoning) ? poisoning : join(root, 'test/fixtures/valid/mini.yaml');
}

/**
 * Starts the app (serving the drills in `scenariosDir`) and a Chromium for one describe block,
 * and closes both after it. Read `app` and `browser` inside tests, once the hooks have run.
 */
export function appAndBrowser(scenariosDir: string): { readonly app: RunningApp; readonly browser: Browser } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(scenariosDir);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app is not started yet (read it inside a test)');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet (read it inside a test)');
      return browser;
    },
  };
}

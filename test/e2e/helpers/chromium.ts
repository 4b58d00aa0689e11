/**
 * Where Debian's Chromium is and how it is started, for the browser tests and the client bench
 * (never a downloaded browser): CHROMIUM_PATH, /usr/bin/chromium or /usr/lib/chromium/chromium.
 */
import { existsSync } from 'node:fs';

/** The places looked at, in order. */
export const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
].filter((p): p is string => Boolean(p));

/** The Chromium executable, or null. */
export const chromiumPath: string | null = CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;

/** Headless in a container, and quiet: no sandbox (root), no GPU, nothing fetched from the network. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

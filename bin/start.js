#!/usr/bin/env node
// `npm start`: builds the web client and compiles the server when either is missing or older
// than its sources (bin/build.js), then serves the game (HTTP + socket.io) from the compiled
// JavaScript in dist/server, with the bundled scenarios and an embedded SQLite database.
// `npm run dev` and the breachdrill command run the TypeScript sources through tsx instead.
import { pathToFileURL } from 'node:url';
import { buildStale, SERVER_ENTRY } from './build.js';

try {
  await buildStale();
} catch (error) {
  console.error(`breachdrill: ${error.message}`);
  process.exit(1);
}
const { serveFromEnv } = await import(pathToFileURL(SERVER_ENTRY).href);
await serveFromEnv();

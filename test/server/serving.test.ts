/** H5 H6: solo practice starts already running; other paths serve the built client with an index.html fallback. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/net/start.ts';
import { connectClient } from '../helpers/client.ts';
import { request, startSolo } from '../helpers/http.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';

let server: RunningServer;
const dirs: string[] = [];
beforeAll(async () => {
  const clientDir = mkdtempSync(join(tmpdir(), 'breachdrill-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>breachdrill</title>');
  writeFileSync(join(clientDir, 'assets/app.js'), 'console.log("app");');
  const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-data-'));
  const scenariosDir = scenarioDir([MINI]);
  dirs.push(clientDir, dataDir, scenariosDir);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir,
    clientDir,
    managerKey: 'serving-test-manager-key',
    quiet: true,
  });
});
afterAll(async () => {
  await server.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('serving', () => {
  it('H5: POST /api/solo gives 201 and a player seat in a solo exercise that is already running', async () => {
    const res = await fetch(`${server.url}/api/solo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'mini-drill', name: 'Trainee' }),
    });
    expect(res.status).toBe(201);
    const joined = (await res.json()) as { exerciseId: string; token: string; seat: string; playerId: string };
    expect(joined.seat).toBe('player');
    const trainee = await connectClient(server.url, joined);
    expect(trainee.state!.exercise).toMatchObject({ solo: true, status: 'running' });
    expect(trainee.state!.me.playerId).toBe(joined.playerId);
    trainee.close();
    const second = await startSolo(server.url, { scenarioId: 'mini-drill', name: 'Another' });
    expect(second.exerciseId).not.toBe(joined.exerciseId);
  });

  it('H6: the built client is served, with index.html for paths without a file extension and 404 for missing files', async () => {
    const page = await fetch(`${server.url}/x/some-exercise`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>breachdrill</title>');
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log("app");');
    expect((await request(server.url, '/assets/missing.js')).status).toBe(404);
    expect((await request(server.url, '/../../etc/passwd.txt')).status).toBe(404);
  });
});

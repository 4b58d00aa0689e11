/**
 * B2 B3: malformed addresses get a 400 with a plain message (never a 500 with a stack trace),
 * and the server process never prints a key or token it was sent, on any path: bad
 * percent-encodings carrying `?key=`, bearer headers, bodies holding tokens, sockets saying
 * hello with real and forged tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../../server/net/redact.ts';
import { connectClient } from '../helpers/client.ts';
import { createExercise, joinExercise, request } from '../helpers/http.ts';
import { PROCESS_MANAGER_KEY, spawnServer, type ServerProcess } from '../helpers/process.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';

const dirs: string[] = [];
let proc: ServerProcess | undefined;
afterAll(async () => {
  await proc?.kill('SIGTERM');
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('bad addresses and secrets in the log', () => {
  it('B2 B3 malformed percent-encodings answer 400; no key or token the server was sent reaches its stdout or stderr', async () => {
    const scenariosDir = scenarioDir([MINI]);
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-secrets-'));
    dirs.push(scenariosDir, dataDir);
    proc = await spawnServer({ dataDir, scenariosDir, timeoutMs: 60_000 }); // a loaded machine starts it slowly
    const url = proc.url;

    const created = await createExercise(url, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
    const joined = await joinExercise(url, { code: created.code, name: 'Ada' });
    const secrets = { facilitator: created.facilitatorKey, player: joined.token, manager: PROCESS_MANAGER_KEY };

    for (const path of [
      `/api/scenarios/%?key=${secrets.facilitator}`,
      `/api/exercises/%E0%A4%A/report.json?key=${secrets.facilitator}`,
      `/api/exercises/%E0%A4%A/report.md?token=${secrets.player}`,
      `/api/exercises/%ZZ/plan?key=${secrets.manager}`,
    ]) {
      const res = await request(url, path, {
        method: path.endsWith(secrets.manager) ? 'PUT' : 'GET',
        headers: { authorization: `Bearer ${secrets.manager}` },
      });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ ok: false, code: 'INVALID' });
      expect((res.body as { message: string }).message).toMatch(/percent-encoding/);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
    // Other refusals that carry secrets: a report before the debrief, a body with a token, a bad JSON body.
    expect(
      (await request(url, `/api/exercises/${created.exerciseId}/report.json?key=${secrets.facilitator}`)).status,
    ).toBe(409);
    expect(
      (await request(url, '/api/join', { body: { code: created.code, name: 'Bob', token: secrets.player } })).status,
    ).toBe(400);
    expect((await request(url, '/api/join', { body: `{"token":"${secrets.player}", broken` })).status).toBe(400);
    // Sockets: the real tokens, a forged one, and garbage after hello.
    const player = await connectClient(url, { exerciseId: joined.exerciseId, token: secrets.player });
    const facilitator = await connectClient(url, { exerciseId: created.exerciseId, token: secrets.facilitator });
    await expect(
      connectClient(
        url,
        { exerciseId: created.exerciseId, token: `${secrets.manager}-forged` },
        { reconnection: false },
      ),
    ).rejects.toThrow(/FORBIDDEN/);
    expect(
      await player.raw('command', { id: 'abcdefgh', command: { type: 'vote', option: secrets.player } }),
    ).toMatchObject({ ok: false });
    player.close();
    facilitator.close();
    expect((await request(url, '/healthz')).status).toBe(200);

    const output = proc.output();
    expect(output).toMatch(/serving/); // the output was captured at all
    for (const [whose, secret] of Object.entries(secrets))
      expect(output.includes(secret), `the ${whose} key appears in the server output`).toBe(false);
  }, 120_000);

  it('B3 a log line quoting a request is redacted: query keys, bearer headers and JSON tokens', () => {
    const line =
      'GET /api/x?scenario=a&key=SECRET1&token=SECRET2 Authorization: Bearer SECRET3 {"token": "SECRET4", "facilitatorKey":"SECRET5"}';
    const redacted = redactSecrets(line);
    expect(redacted).not.toMatch(/SECRET/);
    expect(redacted).toContain('scenario=a&key=[redacted]');
  });
});

/**
 * An ad-hoc inject's Markdown (the facilitator writes it as Markdown) is rendered in the HTML
 * export and kept as Markdown in the Markdown export, never shown as literal `**…**`
 * (issue 13 item 15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playTeam, setupSession, type Session } from '../helpers/play.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { MANAGER_KEY, withKey } from './keys.ts';

let server: TestServer;
let session: Session;
beforeAll(async () => {
  server = await startTestServer();
  session = await setupSession(server.url, { teams: 1, playersPerTeam: 1 });
  const ack = await session.facilitator.command({
    type: 'inject',
    teamId: 'all',
    title: 'Press call',
    body: '**FinWire** asks about `v41`.',
  });
  expect(ack.ok).toBe(true);
  await playTeam(session, 't1', ['snapshot', 'pause']);
  await session.facilitator.command({ type: 'end' });
  await session.facilitator.waitFor((s) => s.exercise.status !== 'running');
});
afterAll(async () => {
  session?.close();
  await server?.close();
});

describe('ad-hoc inject Markdown in the exports', () => {
  it('renders it in HTML and keeps it as Markdown in the Markdown export', async () => {
    const base = `/api/exercises/${session.created.exerciseId}/report`;
    const html = (await withKey(server.url, `${base}.html`, MANAGER_KEY)).text;
    expect(html).toContain('<strong>FinWire</strong> asks about <code>v41</code>.');
    expect(html).not.toContain('**FinWire**');
    const md = (await withKey(server.url, `${base}.md`, MANAGER_KEY)).text;
    expect(md).toContain('**FinWire** asks about `v41`.');
    expect(md).not.toContain('\\*\\*FinWire');
  });
});

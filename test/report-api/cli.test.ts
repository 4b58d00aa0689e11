/**
 * `breachdrill report --exercise ID` on a stored database and `breachdrill run --report` print
 * every format; the JSON parses against the report schema; missing databases and exercises
 * give a clear error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReportSchema } from '../../protocol/index.ts';
import type { Session } from '../helpers/play.ts';
import { MINI, ROOT, startTestServer, type TestServer } from '../helpers/server.ts';
import { playTwoTeamDrill } from './drill.ts';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('node', ['bin/breachdrill.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let server: TestServer;
let session: Session;
beforeAll(async () => {
  server = await startTestServer();
  session = await playTwoTeamDrill(server.url);
  session.close();
});
afterAll(async () => {
  await server?.close();
});

// Each test spawns the CLI (tsx) once or more: on a loaded 2-core CI that takes far longer than the default 30 s.
describe('breachdrill report --exercise', { timeout: 120_000 }, () => {
  it('prints every format of a stored exercise', () => {
    const id = session.created.exerciseId;
    const json = cli(['report', '--exercise', id, '--format', 'json', '--data', server.dataDir]);
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const report = gapReportSchema.parse(JSON.parse(json.out));
    expect(report.teams.map((t) => t.decisions.map((d) => d.chosen))).toEqual([
      ['snapshot', 'pause'],
      ['delete', 'leave'],
    ]);
    expect(report.integrity.verified).toBe(true);
    expect(cli(['report', '--exercise', id, '--format', 'md', '--data', server.dataDir]).out).toMatch(/^# /);
    expect(cli(['report', '--exercise', id, '--format', 'html', '--data', server.dataDir]).out).toMatch(
      /^<!DOCTYPE html>/i,
    );
    expect(cli(['report', '--exercise', id, '--format', 'csv', '--data', server.dataDir]).out).toMatch(
      /^team,n,inject,/,
    );
    const out = join(mkdtempSync(join(tmpdir(), 'breachdrill-cli-')), 'r.md');
    expect(cli(['report', '--exercise', id, '--format', 'md', '--data', server.dataDir, '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Team 2');
  });

  it('says clearly when the database, the exercise or the format is wrong', () => {
    const nodb = cli(['report', '--exercise', 'x', '--format', 'md', '--data', join(tmpdir(), 'breachdrill-nowhere')]);
    expect(nodb.code).toBe(1);
    expect(nodb.err).toMatch(/no database at .*breachdrill\.sqlite; pass --data DIR/);
    const missing = cli(['report', '--exercise', 'nope', '--format', 'md', '--data', server.dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no exercise "nope" in`);
    const format = cli(['report', '--exercise', 'x', '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('--format: expected one of md, json, html, csv, plan-csv, found "pdf"');
    expect(cli(['report', '--format', 'md']).code).toBe(2);
  });
});

describe('breachdrill run --report', { timeout: 120_000 }, () => {
  it('prints the gap report of a headless run in every format, reproducibly with SOURCE_DATE_EPOCH', () => {
    const env = { SOURCE_DATE_EPOCH: '1773151200' };
    const json = cli(['run', MINI, '--choices', 'delete,pause', '--report', 'json', '--team', 'Night shift'], env);
    expect(json.code).toBe(0);
    const report = gapReportSchema.parse(JSON.parse(json.out));
    expect(report.overview).toMatchObject({ solo: true, date: '2026-03-10' });
    expect(report.teams[0]!.name).toBe('Night shift');
    expect(report.teams[0]!.decisions.map((d) => d.chosen)).toEqual(['delete', 'pause']);
    expect(cli(['run', MINI, '--choices', 'delete,pause', '--report', 'json', '--team', 'Night shift'], env).out).toBe(
      json.out,
    );
    expect(cli(['run', MINI, '--choices', 'best', '--report', 'md'], env).out).toMatch(/^# /);
    expect(cli(['run', MINI, '--choices', 'best', '--report', 'html'], env).out).toMatch(/^<!DOCTYPE html>/i);
    expect(cli(['run', MINI, '--choices', 'best', '--report', 'csv'], env).out).toMatch(/^team,n,inject,/);
    expect(cli(['run', MINI, '--choices', 'best', '--report', 'docx']).code).toBe(2);
  });

  it("takes the overview's sponsor, organisations and point of contact, checked as the web form checks them", () => {
    const run = (...extra: string[]) => cli(['run', MINI, '--choices', 'best', ...extra]);
    const json = run(
      '--report',
      'json',
      '--sponsor',
      'Acme Bank plc',
      '--organisation',
      'Acme Bank',
      '--organisation',
      'Example Cloud',
      '--contact',
      'Dana Reyes, CISO office',
    );
    expect(json.code, json.err).toBe(0);
    expect(gapReportSchema.parse(JSON.parse(json.out)).overview).toMatchObject({
      sponsor: 'Acme Bank plc',
      organisations: ['Acme Bank', 'Example Cloud'],
      pointOfContact: 'Dana Reyes, CISO office',
    });
    const md = run('--report', 'md', '--sponsor', 'Acme Bank plc');
    expect(md.out).toContain('| Sponsor | Acme Bank plc |');
    const long = run('--report', 'md', '--sponsor', 'x'.repeat(161));
    expect(long).toMatchObject({ code: 2, out: '' });
    expect(long.err).toContain('run: --sponsor takes at most 160 characters');
    const alone = run('--sponsor', 'Acme Bank plc');
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('go with --report');
  });

  it('schema --check covers the report schema too', () => {
    const r = cli(['schema', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('docs/report.schema.json is up to date');
  });
});

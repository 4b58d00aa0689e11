/** H11 S3: the manager key: given by BREACHDRILL_MANAGER_KEY, or made at first start and printed once; only its hash is stored. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const reportsWith = async (url: string, key: string) =>
  (await fetch(`${url}/api/reports`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('manager key', () => {
  it('H11 S3: made at first start and printed once, works for the reports, never stored in the clear; an env key replaces it', async () => {
    const scenariosDir = scenarioDir([MINI]);
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-manager-'));
    dirs.push(scenariosDir, dataDir);

    let proc = await spawnServer({ dataDir, scenariosDir, env: { BREACHDRILL_MANAGER_KEY: '' } });
    const printed = /manager key \(shown once, store it safely\): (\S+)/.exec(proc.output());
    expect(printed, proc.output()).not.toBeNull();
    const key = printed![1]!;
    expect(key.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(await reportsWith(proc.url, key)).toBe(200);
    expect(await reportsWith(proc.url, `${key}x`)).toBe(403);
    await proc.kill('SIGTERM');
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((entry) => entry.name)).toContain('breachdrill.sqlite');
    for (const entry of files)
      expect(
        readFileSync(join(entry.parentPath ?? entry.path, entry.name)).includes(key),
        `${entry.name} holds the key in the clear`,
      ).toBe(false);

    proc = await spawnServer({ dataDir, scenariosDir, env: { BREACHDRILL_MANAGER_KEY: '' } });
    expect(proc.output()).not.toMatch(/manager key/);
    expect(await reportsWith(proc.url, key)).toBe(200);
    await proc.kill('SIGTERM');

    const given = 'an-operator-chosen-manager-key';
    proc = await spawnServer({ dataDir, scenariosDir, env: { BREACHDRILL_MANAGER_KEY: given } });
    expect(await reportsWith(proc.url, given)).toBe(200);
    expect(await reportsWith(proc.url, key)).toBe(403);
    await proc.kill('SIGTERM');

    await expect(spawnServer({ dataDir, scenariosDir, env: { BREACHDRILL_MANAGER_KEY: 'too-short' } })).rejects.toThrow(
      /manager key must be 16 to 128 characters \(BREACHDRILL_MANAGER_KEY has 9\)/,
    );
  }, 90_000);
});

/**
 * The scenario catalog loads every drill file of a directory it can: a file that cannot be read
 * is named in a warning and skipped, and the others are still offered.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ScenarioCatalog } from '../../server/exercise/scenarios.ts';
import { MINI } from '../helpers/server.ts';

it('names and skips a drill file it cannot read, and loads the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breachdrill-catalog-'));
  try {
    copyFileSync(MINI, join(dir, 'mini.yaml'));
    mkdirSync(join(dir, 'folder.yaml')); // read as a file, it fails (EISDIR), even for root
    const warnings: string[] = [];
    const catalog = ScenarioCatalog.fromDirectory(dir, (message) => warnings.push(message));
    expect(catalog.list().map((s) => s.id)).toEqual(['mini-drill']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^skipping scenario folder\.yaml: EISDIR/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

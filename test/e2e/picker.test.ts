/**
 * The scenario picker in real Chromium lists every bundled drill with its length (in the one
 * duration format), difficulty and
 * the sources it is based on ("based on: ..."), and the chosen drill's details link each source.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../protocol/duration.ts';
import { checkDrillFile } from '../../server/engine/check.ts';
import { provenanceEntries, provenanceLine } from '../../server/engine/provenance.ts';
import { scenarioFiles } from '../engine/helpers.ts';
import { appAndBrowser, repoRoot } from './helpers/app.ts';
import { axe, chromiumPath, describeAxe, device, PROJECTOR } from './helpers/browser.ts';

const DRILLS = scenarioFiles().map((file) => checkDrillFile(file).drill!.scenario);

describe.skipIf(!chromiumPath)('scenario picker in real Chromium', () => {
  const env = appAndBrowser(join(repoRoot, 'scenarios'));

  it('shows every bundled drill with length, difficulty and provenance, and links the sources of the chosen one', async () => {
    const { page } = await device(env.browser, PROJECTOR);
    await page.goto(`${env.app.url}/#/`);
    await page.getByRole('link', { name: 'Practise solo' }).click();
    const items = page.locator('.picker-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(DRILLS.length);
    for (const s of DRILLS) {
      const item = items.filter({ hasText: s.title });
      const text = (await item.textContent()) ?? '';
      expect(text, s.id).toContain(`· ${s.difficulty} · ${formatDuration(s.minutes)}`);
      if (s.provenance.length)
        expect(text, s.id).toContain(`based on: ${provenanceLine(provenanceEntries(s.provenance))}`);
      else expect(text, s.id).not.toContain('based on:');
    }

    const sourced = DRILLS.find((s) => s.provenance.length > 0);
    expect(sourced, 'at least one bundled drill names its sources').toBeDefined();
    await page.getByRole('radio', { name: new RegExp(sourced!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).check();
    const details = page.locator('.scenario-detail');
    await details.getByRole('heading', { name: sourced!.title }).waitFor();
    const based = details.locator('dt', { hasText: 'Based on' }).locator('xpath=..');
    for (const entry of provenanceEntries(sourced!.provenance)) {
      const link = based.getByRole('link', { name: entry.label });
      expect(await link.getAttribute('href')).toBe(entry.url);
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(describeAxe(await axe(page)), 'axe on the scenario picker').toBe('');
  }, 180_000);
});

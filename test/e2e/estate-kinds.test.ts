/**
 * The estate kinds of format 2 on the player screen, in real Chromium: a vendor-hosted model
 * (no hash, no signature), an agent's tools and their permissions, a retrieval store's
 * namespaces, sync and snapshots, a dataset's provenance and a credential, each changing as the
 * trainee decides (test/fixtures/valid/estate-kinds.yaml, played solo).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, repoRoot } from './helpers/app.ts';
import { PHASE_COLOURS, phaseFamily } from '../../protocol/colours.ts';
import { axe, chromiumPath, describeAxe, device, LAPTOP, screenshots } from './helpers/browser.ts';

/** `#rrggbb` as the browser reports a computed colour. */
const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe.skipIf(!chromiumPath)('estate kinds on the player screen', () => {
  const env = appAndBrowser(join(repoRoot, 'test/fixtures/valid'));

  it('shows the agent, the retrieval store, the dataset, the credential and the hosted model, and their changes', async () => {
    const { app, browser } = env;
    const { page, errors } = await device(browser, LAPTOP);
    await page.goto(`${app.url}/#/`);
    await page.getByRole('link', { name: 'Practise solo' }).click();
    await page.getByRole('radio', { name: /Poisoned knowledge base/ }).check();
    await page.getByLabel('Your name').fill('Trainee');
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.locator('#inject-title').waitFor({ timeout: 15_000 });
    // the phase is named in the colours the exported report uses (protocol/colours.ts)
    const nist = page.getByText(/NIST: /).first();
    const family = phaseFamily(((await nist.textContent()) ?? '').replace(/^.*NIST: /, '').toLowerCase());
    const chip = nist.locator('..');
    expect(family).not.toBeNull();
    expect(await chip.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).toEqual([
      rgb(PHASE_COLOURS[family!].ink),
      rgb(PHASE_COLOURS[family!].background),
    ]);
    const estate = page.locator('section.estate');
    await estate.getByText('Agent · Support assistant').waitFor();
    expect(await estate.getByText('hosted by Example AI').count()).toBeGreaterThan(0);
    expect(await estate.getByText('API model, hosted by Example AI').count()).toBe(1);
    expect(await estate.getByText('Issue refund').locator('..').getByText('allowed').count()).toBe(1);
    expect(await estate.getByText('up to').first().textContent()).toContain('500');
    await estate.getByText('Retrieval · Help-centre index').waitFor();
    await estate.getByText('Snapshots: 1 March snapshot').waitFor();
    await estate.getByText('provenance unverified').waitFor();
    await estate.getByText('Payments API key').waitFor();
    await screenshots(page, 'estate-kinds-start');
    expect(describeAxe(await axe(page)), 'axe with the new estate kinds').toBe('');

    const decide = async (label: RegExp) => {
      await page.getByRole('radio', { name: label }).check();
      await page.getByRole('button', { name: 'Decide' }).click();
      const outcome = page.getByRole('region', { name: 'Outcome of your decision' });
      await outcome.waitFor({ timeout: 8000 });
      await outcome.getByRole('button', { name: /^(Next: |See how it ended|See your summary|Continue)/ }).click();
    };
    await decide(/Require approval for refunds/);
    await estate.getByText('Issue refund').locator('..').getByText('needs approval').waitFor();
    await estate.getByText('Tools act with the caller’s session.').waitFor();
    await estate.getByText('rotated').waitFor();
    await decide(/Snapshot, stop the sync/);
    await estate.getByText('quarantined').first().waitFor();
    await estate.getByText('Snapshots: 1 March snapshot, Incident snapshot').waitFor();
    await estate.getByText('provenance tampered').waitFor();
    await screenshots(page, 'estate-kinds-after');
    expect(errors).toEqual([]);
  }, 180_000);
});

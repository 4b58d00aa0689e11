/**
 * Exercise documents and share links in real Chromium (issue 15 items 5-8): the facilitator's
 * scenario picker offers the Situation Manual and the feedback form to anyone and the MSEL and
 * EEG once the device holds the manager key; the lobby offers them with the facilitator key. A
 * facilitator makes a read-only link of a finished report (address and QR code); a device with
 * no key reads and exports that report through it, cannot edit the plan or share further; the
 * manager revokes it from the list and the link stops working. axe-core on the new views;
 * screenshots in test-results/screenshots/.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../helpers/play.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';
import { playTwoTeamDrill } from '../report-api/drill.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  launch,
  LAPTOP,
  PHONE,
  SCREENSHOT_DIR,
  screenshots,
} from './helpers/browser.ts';

const MANAGER = 'e2e-manager-key-0123456789';

describe.skipIf(!chromiumPath)('exercise documents and share links in real Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: Session;
  beforeAll(async () => {
    app = await startApp(scenarioDir([MINI]));
    browser = await launch();
    session = await playTwoTeamDrill(app.url);
  }, 180_000);
  afterAll(async () => {
    session?.close();
    await browser?.close();
    await app?.close();
  });

  const noAxe = async (page: Parameters<typeof axe>[0], name: string) =>
    expect(describeAxe(await axe(page)), `axe on ${name}`).toBe('');

  it(
    'H13 H14 the picker and the lobby offer the documents; the spoiling ones only with a staff key',
    { timeout: 180_000 },
    async () => {
      const { page, context, errors } = await device(browser, LAPTOP);
      await page.goto(`${app.url}/#/new`);
      const docs = page.locator('.exercise-docs');
      await docs.waitFor();
      expect(await docs.getByRole('button').count()).toBe(0);
      await docs.getByText('once this device holds the manager key').waitFor();
      const [sitman] = await Promise.all([
        context.waitForEvent('page'),
        docs.getByRole('link', { name: 'Situation Manual' }).click(),
      ]);
      await sitman.getByRole('heading', { name: 'Starting situation' }).waitFor();
      expect(await sitman.textContent('body')).toContain('Something is off.');
      await sitman.close();
      await noAxe(page, 'the picker with documents');

      // with the manager key on this device, the MSEL and EEG download from the picker
      await page.evaluate((key) => localStorage.setItem('breachdrill:manager-key', key), MANAGER);
      await page.reload();
      await docs.getByRole('button', { name: 'Evaluation guide (EEG)' }).waitFor();
      const [eeg] = await Promise.all([
        page.waitForEvent('download'),
        docs.getByRole('button', { name: 'Evaluation guide (EEG)' }).click(),
      ]);
      expect(eeg.suggestedFilename()).toBe('breachdrill-mini-drill-v1-eeg.html');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        docs.getByRole('button', { name: 'Events list as CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe('breachdrill-mini-drill-v1-msel.csv');
      await screenshots(page, '60-picker-documents');

      // a facilitator on another device: the lobby offers them with the facilitator key
      const other = await device(browser, LAPTOP);
      await other.page.goto(`${app.url}/#/new`);
      await other.page.getByRole('button', { name: 'Open the lobby' }).click();
      const lobbyDocs = other.page.locator('.lobby .exercise-docs');
      await lobbyDocs.getByText('Exercise documents to print').click();
      await lobbyDocs.getByRole('button', { name: 'Events list (MSEL)' }).waitFor();
      const [msel] = await Promise.all([
        other.page.waitForEvent('download'),
        lobbyDocs.getByRole('button', { name: 'Events list (MSEL)' }).click(),
      ]);
      expect(msel.suggestedFilename()).toBe('breachdrill-mini-drill-v1-msel.html');
      await screenshots(other.page, '64-lobby-documents');
      await noAxe(other.page, 'the lobby with documents');
      expect(other.errors).toEqual([]);
      await other.context.close();
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it(
    'H15 H16 H17 a facilitator shares a report; a device without keys reads and exports it; the manager revokes it',
    { timeout: 180_000 },
    async () => {
      const exerciseId = session.created.exerciseId;
      const fac = await device(browser, LAPTOP);
      await fac.page.goto(`${app.url}/#/`);
      await fac.page.evaluate(
        ([id, key, code]) =>
          localStorage.setItem(
            `breachdrill:seat:${id}`,
            JSON.stringify({ token: key, seat: 'facilitator', code, savedAt: Date.now() }),
          ),
        [exerciseId, session.created.facilitatorKey, session.created.code],
      );
      await fac.page.goto(`${app.url}/#/reports/${exerciseId}`);
      const share = fac.page.locator('.report-share');
      await share.getByText('No link to this report yet.').waitFor();
      await share.getByLabel('Open for').selectOption('30');
      await share.getByLabel('Label (optional)').fill('for the board');
      await share.getByRole('button', { name: 'Make a link' }).click();
      const url = await share.getByLabel('The link, shown this once: copy it now').inputValue();
      expect(url).toMatch(new RegExp(`^${app.url}/#/shared/bds1\\.`));
      expect(await share.getByRole('img', { name: 'QR code of the share link' }).count()).toBe(1);
      await share.getByRole('cell', { name: 'for the board', exact: true }).waitFor();
      await share.screenshot({ path: join(SCREENSHOT_DIR, '61-report-share-panel.png') });
      await screenshots(fac.page, '61-report-share');
      await noAxe(fac.page, 'the report with its share panel');

      // a person with no key at all
      const reader = await device(browser, PHONE);
      await reader.page.goto(url);
      await reader.page.getByRole('heading', { name: 'Mini drill', level: 1 }).waitFor();
      expect(await reader.page.locator('.report-share').count()).toBe(0);
      await reader.page.getByText('Your facilitator or manager keeps this plan.').waitFor();
      expect(await reader.page.getByRole('button', { name: /save/i }).count()).toBe(0);
      const [download] = await Promise.all([
        reader.page.waitForEvent('download'),
        reader.page.getByRole('button', { name: 'CSV improvement plan' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^breachdrill-mini-drill-.*\.plan\.csv$/);
      expect(
        await reader.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('breachdrill:'))),
      ).toEqual([]);
      await screenshots(reader.page, '62-shared-report');
      await noAxe(reader.page, 'the shared report');

      // the manager's list holds it; revoking closes it
      const mgr = await device(browser, LAPTOP);
      await mgr.page.goto(`${app.url}/#/`);
      await mgr.page.evaluate((key) => localStorage.setItem('breachdrill:manager-key', key), MANAGER);
      await mgr.page.goto(`${app.url}/#/reports`);
      const row = mgr.page.getByRole('row').filter({ hasText: 'for the board' });
      await row.waitFor();
      await mgr.page.locator('.share-links').screenshot({ path: join(SCREENSHOT_DIR, '63-managers-share-links.png') });
      expect(await row.textContent()).toContain('Facilitator');
      await noAxe(mgr.page, 'the reports list with its share links');
      await row.getByRole('button', { name: /^Revoke the link “for the board”/ }).click();
      await row.getByText(/^revoked /).waitFor();
      await reader.page.reload();
      await reader.page
        .getByRole('alert')
        .filter({ hasText: 'This share link was revoked; ask whoever shared it for a new one.' })
        .waitFor();
      await screenshots(reader.page, '63-shared-revoked');
      for (const d of [fac, reader, mgr]) {
        expect(d.errors).toEqual([]);
        await d.context.close();
      }
    },
  );
});

/**
 * The managers' view in real Chromium: a manager enters the key, lists and filters reports
 * (a solo run among them), opens a two-team report with its charts, edits an improvement-plan
 * row, downloads every export and looks at the trends; a facilitator reaches the report from
 * the debrief with the key the device already holds. axe-core on each page; screenshots at
 * 1920×1080 and 390×844 in test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/client.ts';
import { startSolo } from '../helpers/http.ts';
import type { Session } from '../helpers/play.ts';
import { MINI, scenarioDir } from '../helpers/server.ts';
import { playTwoTeamDrill } from '../report-api/drill.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  LAPTOP,
  launch,
  PHONE,
  PROJECTOR,
  SCREENSHOT_DIR,
  screenshots,
} from './helpers/browser.ts';

const MANAGER = 'e2e-manager-key-0123456789';

describe.skipIf(!chromiumPath)('reports in real Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let session: Session;
  beforeAll(async () => {
    app = await startApp(scenarioDir([MINI]));
    browser = await launch();
    session = await playTwoTeamDrill(app.url);
    const joined = await startSolo(app.url, { scenarioId: 'mini-drill', name: 'Tess Trainee' });
    const solo = await connectClient(app.url, joined);
    await solo.command({ type: 'vote', option: 'delete' });
    await solo.command({ type: 'vote', option: 'pause' });
    const inject = solo.state!.teams[0]!.progress.inject;
    if (inject) await solo.command({ type: 'continue', inject: inject.id });
    await solo.waitFor((s) => s.exercise.status === 'debrief');
    solo.close();
  }, 180_000);
  afterAll(async () => {
    session?.close();
    await browser?.close();
    await app?.close();
  });

  const noAxe = async (page: Parameters<typeof axe>[0], name: string) =>
    expect(describeAxe(await axe(page)), `axe on ${name}`).toBe('');

  it('a manager lists, filters, opens a report, edits the plan, downloads every export and sees trends', async () => {
    const { page, context, errors, dialogs } = await device(browser, PROJECTOR);
    await page.goto(`${app.url}/#/`);
    await page.getByRole('link', { name: 'Open reports' }).click();
    await page.getByLabel('Manager key', { exact: true }).fill(MANAGER);
    await noAxe(page, 'the key prompt');
    await page.getByRole('button', { name: 'Open reports' }).click();
    const cards = page.locator('.report-card');
    await page.getByRole('status').filter({ hasText: '2 reports' }).waitFor();
    expect(await cards.count()).toBe(2);
    await expect.poll(() => cards.first().textContent()).toContain('Solo practice');
    await screenshots(page, '30-reports-list');
    await noAxe(page, 'the reports list');

    await page.getByLabel('Trainee').fill('tess');
    await page.getByRole('status').filter({ hasText: '1 report' }).waitFor();
    expect(await cards.first().textContent()).toContain('Tess Trainee');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('status').filter({ hasText: '2 reports' }).waitFor();
    await page.getByLabel('Team').fill('Team 2');
    await page.getByRole('status').filter({ hasText: '1 report' }).waitFor();
    await expect.poll(() => cards.first().textContent()).toContain('Team 2');
    await page.getByLabel('Scenario').selectOption('mini-drill');
    await page.getByLabel('From').fill('2000-01-01');
    await page.getByLabel('To').fill('2000-01-02');
    await page.getByText('No finished exercise matches these filters.').waitFor();
    // issue 13 item 14: an inverted range says so instead of "0 reports"
    await page.getByLabel('From').fill('2030-01-02');
    await page.getByLabel('To').fill('2030-01-01');
    await page.getByRole('status').filter({ hasText: 'The date range is inverted' }).waitFor();
    await page.getByLabel('From').fill('2000-01-01');
    await page.getByLabel('To').fill('');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('Team 2');
    // item 14: the filters live in the address: the same view opens from it on another device
    const shared = page.url();
    expect(shared).toMatch(/scenario=mini-drill/);
    expect(shared).toMatch(/team=Team\+2/);
    const other = await device(browser, PROJECTOR);
    await other.page.goto(`${app.url}/#/`);
    await other.page.evaluate((key) => localStorage.setItem('breachdrill:manager-key', key), MANAGER);
    await other.page.goto(shared);
    await other.page.getByRole('status').filter({ hasText: '1 report' }).waitFor();
    expect(await other.page.getByLabel('Team').inputValue()).toBe('Team 2');
    expect(await other.page.getByLabel('From').inputValue()).toBe('2000-01-01');
    await other.context.close();

    await cards.first().getByRole('link', { name: 'Mini drill' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mini drill' }).waitFor();
    expect(await page.getByRole('img', { name: /Capability scores against the best possible/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Points won or lost at each decision/ }).count()).toBe(2);
    await page.getByRole('heading', { name: 'Team 2', level: 2 }).waitFor();
    await screenshots(page, '31-report');
    await noAxe(page, 'the report page');

    // issue 15: the exercise details (sponsor, organisations, point of contact) entered for the AAR overview
    await page.getByText('Sponsor').first().waitFor();
    expect(await page.locator('.report-overview').textContent()).toContain('Not recorded');
    await page.getByText('Exercise details', { exact: true }).click();
    await page.getByLabel('Sponsor', { exact: true }).fill('Northwind Bank CISO office');
    await page.getByLabel('Participating organisations (one a line)').fill('Northwind Bank');
    await page.getByLabel('Point of contact (name, role, contact details)').fill('Dana Whitfield, dana@example.org');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('.report-overview').getByText('Northwind Bank CISO office').waitFor();
    // one organisation took part: the plan rows name it as the responsible organisation by default
    await expect
      .poll(() => page.locator('.plan-row').first().getByLabel('Responsible organisation').inputValue())
      .toBe('Northwind Bank');
    await page.getByRole('heading', { name: 'Analysis of capabilities' }).waitFor();
    expect(await page.locator('.report-area dt').filter({ hasText: 'Recommendation' }).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Conclusion' }).waitFor();

    // Edit the first improvement-plan row and save it.
    const row = page.locator('.plan-row').first();
    await row.getByLabel('Responsible role').fill('ML platform owner');
    await row.getByLabel('Organisation POC').fill('Sam Osei, ML platform');
    await row.getByLabel('Start').fill('2026-04-01');
    await row.getByLabel('Completion').fill('2026-06-30');
    // item 14: each item's status (open, in progress, done) with the date, saved through the plan API
    await row.getByLabel('Status').selectOption({ label: 'In progress' });
    await row.getByRole('button', { name: 'Save row' }).click();
    await row.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await row.getByText(`In progress since ${today}`).waitFor();
    await page.reload();
    await page.locator('.plan-row').first().getByText(`In progress since ${today}`).waitFor();
    expect(await page.locator('.plan-row').first().getByLabel('Status').inputValue()).toBe('in-progress');
    await screenshots(page, '32-report-plan-saved');
    // issue 15: the HSEEP sections one by one at laptop size, for a person to look at
    await page.setViewportSize(LAPTOP);
    for (const [name, heading] of [
      ['overview', 'Exercise overview'],
      ['design', 'Exercise design summary'],
      ['analysis', 'Analysis of capabilities'],
      ['conclusion', 'Conclusion'],
      ['plan', 'Improvement plan'],
    ] as const) {
      await page
        .locator('section.card')
        .filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) })
        .screenshot({ path: join(SCREENSHOT_DIR, `32-report-${name}-1366.png`) });
    }
    await page.setViewportSize(PROJECTOR);
    await noAxe(page, 'the report with a plan status');

    // Every export downloads (fetched with the key in a header, saved from a Blob link).
    for (const [label, ext] of [
      ['HTML (print to PDF)', 'html'],
      ['Markdown', 'md'],
      ['JSON', 'json'],
      ['CSV decision log', 'csv'],
      ['CSV improvement plan', 'plan.csv'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: label }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^breachdrill-mini-drill-\\d{4}-\\d{2}-\\d{2}-[a-z0-9]+\\.${ext.replace('.', '\\.')}$`),
      );
      const text = readFileSync((await download.path())!, 'utf8');
      if (ext !== 'csv') expect(text, ext).toContain('ML platform owner');
      if (ext !== 'csv') expect(text, ext).toContain('Sam Osei, ML platform');
      if (ext === 'csv') expect(text.startsWith('team,n,inject')).toBe(true);
    }

    // item 14: trends show every scenario by default
    await page.goto(`${app.url}/#/reports/trends`);
    await page.getByRole('heading', { level: 2, name: 'Mini drill' }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(3);
    await screenshots(page, '33-report-trends-all');
    await noAxe(page, 'the trends of every scenario');
    await page.goto(`${app.url}/#/reports/trends/mini-drill`);
    await page.getByRole('heading', { level: 1, name: 'Trends: Mini drill' }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(3);
    await screenshots(page, '33-report-trends');
    await noAxe(page, 'the trends page');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 180_000);

  it('a facilitator reaches the report from the debrief with the key on the device', async () => {
    const { page, context, errors } = await device(browser, PHONE);
    const { exerciseId, facilitatorKey, code } = session.created;
    await page.goto(`${app.url}/#/`);
    await page.evaluate(
      ([id, seat]) => localStorage.setItem(`breachdrill:seat:${id}`, seat!),
      [exerciseId, JSON.stringify({ token: facilitatorKey, seat: 'facilitator', code, savedAt: Date.now() })],
    );
    await page.goto(`${app.url}/#/x/${exerciseId}`);
    await page.getByRole('link', { name: 'Open the gap report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mini drill' }).waitFor();
    expect(await page.getByLabel('Manager key').count()).toBe(0);
    await page.getByRole('heading', { name: 'Hot wash' }).waitFor();
    await screenshots(page, '34-report-facilitator');
    await noAxe(page, 'the report page on a phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * What if in real Chromium (issue 17, W1–W4): after a short drill the facilitator opens "What
 * if…" on a decision of the debrief, asks for the best option everywhere after it, sees both
 * timelines side by side, shows them to the room and pins the what-if into the gap report (W5),
 * whose web view and Markdown and HTML exports hold it in a section of its own; a player on a
 * phone forks their own team and has no pin. A solo trainee rewinds a finished run to a late
 * decision (H18), plays the branch to its summary and sees it in their runs; managers see it as
 * practice.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import {
  axe,
  chromiumPath,
  describeAxe,
  device,
  PHONE,
  PROJECTOR,
  SCREENSHOT_DIR,
  screenshots,
} from './helpers/browser.ts';
import { createExercise, drillFacts, injectTitle, joinAs, waitForNext } from './helpers/ui.ts';

const DRILL = testDrill();

/** The phone player takes the first option of `count` decisions (continuing past injects that only inform). */
async function playDecisions(page: Page, count: number): Promise<void> {
  let decided = 0;
  for (let step = 0; step < 3 * count && decided < count; step++) {
    const before = await injectTitle(page);
    const form = page.locator('form.decision');
    const next = page.getByRole('button', { name: 'Continue', exact: true });
    await form.or(next).first().waitFor({ timeout: 20_000 });
    if (await form.count()) {
      await page.locator('label.option input[type=radio]').first().check();
      await page.locator('form.decision button[type=submit]').click();
      decided++;
    } else await next.click();
    await waitForNext(page, before);
  }
}

/**
 * A solo trainee plays on to the practice summary: at each decision the option at `pick` among
 * those shown (0 is the first; past the end, the last), then reads its outcome and goes on;
 * injects that only inform are continued. Returns how many decisions they made.
 */
async function playSolo(page: Page, pick: number): Promise<number> {
  let decisions = 0;
  for (let step = 0; step < 80; step++) {
    const summary = page.getByRole('heading', { name: 'Practice summary', level: 1 });
    const form = page.locator('form.decision');
    const outcome = page.getByRole('region', { name: 'Outcome of your decision' });
    const next = page.getByRole('button', { name: 'Continue', exact: true });
    await summary.or(form).or(outcome).or(next).first().waitFor({ timeout: 20_000 });
    if (await summary.count()) return decisions;
    if (await outcome.count()) {
      await outcome.getByRole('button', { name: /^(Next: |See how it ended|See your summary|Continue)/ }).click();
      await outcome.waitFor({ state: 'detached' });
    } else if (await form.count()) {
      const radios = page.locator('label.option input[type=radio]');
      await radios.nth(Math.min(pick, (await radios.count()) - 1)).check();
      await page.getByRole('button', { name: 'Decide' }).click();
      await outcome.waitFor();
      decisions++;
    } else {
      const before = await injectTitle(page);
      await next.click();
      await waitForNext(page, before);
    }
  }
  throw new Error('the solo run did not reach its summary');
}

describe.skipIf(!chromiumPath)('what if in the debrief', () => {
  const ctx = appAndBrowser(dirname(DRILL));

  it(
    'a facilitator forks a decision, sees both timelines and shows them to the room; a player forks their own team on a phone',
    { timeout: 240_000 },
    async () => {
      const { app, browser } = ctx;
      const facts = drillFacts(DRILL);
      const fac = await device(browser, PROJECTOR);
      const ada = await device(browser, PHONE);
      try {
        const code = await createExercise(fac.page, app.url, facts.title, ['Red team']);
        await joinAs(ada.page, app.url, code, 'Ada');
        await fac.page.locator('.roster .pname', { hasText: 'Ada' }).waitFor();
        await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
        await playDecisions(ada.page, 2);
        await fac.page.getByRole('button', { name: 'End → debrief' }).click();
        await fac.page.getByRole('heading', { name: 'Debrief', level: 1 }).waitFor();

        // the facilitator forks the first decision
        await fac.page
          .getByRole('button', { name: /^What if…/ })
          .first()
          .click();
        const dialog = fac.page.getByRole('dialog', { name: /^What if: Red team at / });
        await dialog.getByRole('columnheader', { name: 'What if', exact: true }).waitFor();
        // the first question is another option than the one played (the best one, or another when they took it)
        const [played, asked] = await dialog.locator('.whatif-question dd').allTextContents();
        expect(asked!.startsWith(played!)).toBe(false);
        await dialog.getByLabel('Then').selectOption({ label: 'the best option at every later decision' });
        await dialog.getByRole('button', { name: 'Show this timeline' }).click();
        await dialog.getByText('(then the best option at every later decision)').waitFor();
        const ending = dialog.getByRole('row', { name: /^Ending / });
        expect(await ending.getByRole('cell').count()).toBe(2);
        await dialog.getByRole('heading', { name: 'Decisions that differ' }).waitFor();
        await dialog.getByRole('heading', { name: 'Expectations that flip' }).waitFor();
        expect(await dialog.getByRole('row', { name: /^Score -?\d+ of \d+ -?\d+ of \d+$/ }).count()).toBe(1);
        expect(describeAxe(await axe(fac.page))).toBe('');
        await screenshots(fac.page, '60-whatif-facilitator');

        await dialog.getByRole('button', { name: 'Show to the room' }).click();
        const room = fac.page.locator('.whatif-projected');
        await room.waitFor();
        const size = await room.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size).toBeGreaterThan(20); // projector type
        await screenshots(fac.page, '61-whatif-room');
        // the room's dialog sits inside the what-if dialog: Escape closes the room view alone
        await fac.page.keyboard.press('Escape');
        await room.waitFor({ state: 'detached' });
        await dialog.getByRole('button', { name: 'Show to the room' }).waitFor();
        expect(await dialog.isVisible()).toBe(true);

        // W5: the facilitator pins the shown what-if into the gap report with a note
        const note = 'Had the team taken this, the SLA would have held';
        await dialog.getByLabel('Note for the report (optional, one line)').fill(note);
        await dialog.getByRole('button', { name: 'Pin to report' }).click();
        await dialog.getByRole('status').filter({ hasText: 'Pinned to the report' }).waitFor();
        await dialog.getByRole('button', { name: 'Save the note' }).waitFor();
        expect(describeAxe(await axe(fac.page))).toBe('');
        await screenshots(fac.page, '63-whatif-pinned');
        await fac.page.keyboard.press('Escape');
        const pinned = fac.page.getByRole('region', { name: 'Pinned to the report' });
        await pinned.getByText(note, { exact: false }).waitFor();
        expect(await pinned.getByRole('listitem').count()).toBe(1);
        await expect
          .poll(() => pinned.getByRole('listitem').first().textContent())
          .toMatch(
            /^Red team, decision 1 “.+”: what if “.+” \(then the best option at every later decision\)Score -?\d+ → -?\d+ of \d+ · “Had the team/,
          );
        expect(describeAxe(await axe(fac.page))).toBe('');
        await screenshots(fac.page, '64-whatif-pinned-list');

        // the gap report shows it in its own section, and the exported Markdown and HTML hold it there
        await fac.page.getByRole('link', { name: 'Open the gap report' }).click();
        const section = fac.page.getByRole('region', { name: 'What if (counterfactual)' });
        await section.getByText('Counterfactual: not played').waitFor();
        await section.getByText(note).waitFor();
        await section.getByRole('columnheader', { name: 'What if', exact: true }).waitFor();
        expect(describeAxe(await axe(fac.page))).toBe('');
        await section.screenshot({ path: join(SCREENSHOT_DIR, '65-report-whatif-section-1920.png') });
        for (const [label, heading] of [
          ['Markdown', '## What if (counterfactual)'],
          ['HTML (print to PDF)', '<h2 class="major">What if (counterfactual)</h2>'],
        ] as const) {
          const [download] = await Promise.all([
            fac.page.waitForEvent('download'),
            fac.page.getByRole('button', { name: label }).click(),
          ]);
          const text = readFileSync((await download.path())!, 'utf8');
          const at = text.indexOf(heading);
          expect(at, label).toBeGreaterThan(0);
          // its own section: after the conclusion, before the improvement plan, the note inside it
          expect(text.indexOf('Conclusion'), label).toBeLessThan(at);
          expect(text.indexOf('Appendix A: Improvement plan'), label).toBeGreaterThan(at);
          const own = text.slice(at, text.indexOf('Appendix A: Improvement plan'));
          expect(own, label).toContain(note);
          expect(own, label).toContain('Not played.');
          expect(text.slice(0, at), label).not.toContain(note);
        }
        await fac.page.goBack();
        await fac.page.getByRole('heading', { name: 'Debrief', level: 1 }).waitFor();

        // the player on the phone forks their own team's decision
        await ada.page
          .getByRole('button', { name: /^What if…/ })
          .first()
          .click();
        const phoneDialog = ada.page.getByRole('dialog', { name: /^What if: Red team at / });
        await phoneDialog.getByRole('columnheader', { name: 'What was played' }).waitFor();
        expect(await phoneDialog.getByRole('button', { name: 'Show to the room' }).count()).toBe(0);
        expect(await phoneDialog.getByRole('button', { name: 'Pin to report' }).count()).toBe(0);
        expect(describeAxe(await axe(ada.page))).toBe('');
        await screenshots(ada.page, '62-whatif-phone');
        expect(fac.errors.concat(ada.errors)).toEqual([]);
      } finally {
        await fac.context.close();
        await ada.context.close();
      }
    },
  );

  it('H18 a trainee rewinds a finished solo run to a late decision, finishes the branch, sees it in their runs; managers see it as practice', async () => {
    const { app, browser } = ctx;
    const facts = drillFacts(DRILL);
    const rena = await device(browser, PHONE);
    try {
      await rena.page.goto(`${app.url}/#/`);
      await rena.page.getByRole('link', { name: 'Practise solo' }).click();
      await rena.page.getByRole('radio', { name: new RegExp(facts.title) }).check();
      await rena.page.getByLabel('Your name').fill('Rena');
      await rena.page.getByRole('button', { name: 'Start practice' }).click();
      const made = await playSolo(rena.page, 0);
      expect(made).toBeGreaterThan(2);

      // the summary offers a rewind at every decision of the run
      const rewinds = rena.page.getByRole('button', { name: /^Rewind to decision \d+\b/ });
      expect(await rewinds.count()).toBe(made);
      await rena.page.getByText('Want to try another way?').waitFor();
      expect(describeAxe(await axe(rena.page))).toBe('');
      await screenshots(rena.page, '66-solo-rewind-offer');
      const target = made - 1;
      const button = rena.page.getByRole('button', { name: new RegExp(`^Rewind to decision ${target}\\b`) });
      const targetTitle = /: “(.*)”$/.exec((await button.textContent()) ?? '')?.[1];
      const firstRun = rena.page.url();
      await button.click();
      await rena.page.waitForFunction((old) => location.href !== old && /#\/x\//.test(location.hash), firstRun);

      // the branch opens at that decision, saying where it comes from, and the trainee decides live from there
      const note = rena.page.getByText(
        new RegExp(
          `^This run was rewound from decision ${target} of your run on \\d{1,2} \\w{3} \\d{4}: your choices before it were replayed\\.$`,
        ),
      );
      await note.waitFor({ timeout: 15_000 });
      expect(await injectTitle(rena.page)).toBe(targetTitle);
      expect(describeAxe(await axe(rena.page))).toBe('');
      await screenshots(rena.page, '67-solo-branch');
      const branchDecisions = await playSolo(rena.page, 1);
      expect(branchDecisions).toBeGreaterThanOrEqual(1);
      await rena.page
        .getByRole('region', { name: 'Your result' })
        .getByText(/of \d+ points/)
        .waitFor();

      // their runs list shows the branch
      await rena.page.goto(`${app.url}/#/solo`);
      const runs = rena.page.getByRole('region', { name: 'Your practice runs' });
      await runs.waitFor();
      expect(await runs.getByRole('listitem').count()).toBe(2);
      await runs.getByText(new RegExp(`rewound from decision ${target} of your run on`)).waitFor();
      expect(describeAxe(await axe(rena.page))).toBe('');
      await screenshots(rena.page, '68-solo-runs-branch');

      // managers: the branch is listed as practice, apart from the assessments
      await rena.page.goto(`${app.url}/#/reports`);
      await rena.page.getByLabel('Manager key', { exact: true }).fill('e2e-manager-key-0123456789');
      await rena.page.getByRole('button', { name: 'Open reports' }).click();
      await rena.page.getByLabel('Trainee').fill('Rena');
      await rena.page
        .getByRole('status')
        .filter({ hasText: '1 report, plus 1 rewound practice run (not counted as assessments)' })
        .waitFor();
      const card = rena.page.locator('.report-card', { hasText: 'Practice: rewound' });
      await card
        .getByText(
          new RegExp(
            `^Rewound from decision ${target} of run \\w+ \\(\\d{4}-\\d\\d-\\d\\d\\): practice, not an assessment`,
          ),
        )
        .waitFor();
      expect(describeAxe(await axe(rena.page))).toBe('');
      await screenshots(rena.page, '69-reports-practice');
      expect(rena.errors).toEqual([]);
      expect(rena.dialogs).toEqual([]);
    } finally {
      await rena.context.close();
    }
  }, 240_000);
});

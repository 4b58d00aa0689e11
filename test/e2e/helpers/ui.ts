/** Steps a person takes in the UI, shared by the browser tests. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';

/** What a test needs to know about a drill file: titles, phases and the best option per inject. */
export interface DrillFacts {
  id: string;
  title: string;
  phases: string[];
  /** inject title → label of its highest-scoring option, as shown (without Markdown marks) */
  best: Map<string, string>;
}

export function drillFacts(file: string): DrillFacts {
  const doc = parse(readFileSync(file, 'utf8')) as {
    id: string;
    title: string;
    phases: Array<{
      title: string;
      injects: Array<{
        title: string;
        decision?: { options: Array<{ label: string; score?: Record<string, number> }> };
      }>;
    }>;
  };
  const best = new Map<string, string>();
  for (const phase of doc.phases) {
    for (const inject of phase.injects) {
      const options = inject.decision?.options ?? [];
      const total = (o: (typeof options)[number]) => Object.values(o.score ?? {}).reduce((a, b) => a + b, 0);
      const top = options.reduce<(typeof options)[number] | undefined>(
        (a, b) => (!a || total(b) > total(a) ? b : a),
        undefined,
      );
      // as the screen shows it: inline Markdown marks rendered, not printed
      if (top) best.set(inject.title, top.label.replace(/`|\*\*/g, ''));
    }
  }
  return { id: doc.id, title: doc.title, phases: doc.phases.map((p) => p.title), best };
}

/** Facilitator: creates an exercise from the Home page; returns the join code. */
export async function createExercise(
  page: Page,
  url: string,
  scenarioTitle: string,
  teams: string[],
  onPicker?: () => Promise<void>,
): Promise<string> {
  await page.goto(`${url}/#/`);
  await page.getByRole('link', { name: 'Create an exercise' }).click();
  await page.getByRole('radio', { name: new RegExp(escape(scenarioTitle)) }).check();
  await page.locator('.flow li').first().waitFor();
  await page.getByLabel('Teams (one per line)').fill(teams.join('\n'));
  if (onPicker) await onPicker();
  await page.getByRole('button', { name: 'Open the lobby' }).click();
  const code = (await page.locator('.join-code').textContent({ timeout: 15_000 }))?.trim() ?? '';
  if (!code) throw new Error('no join code shown');
  return code;
}

/** Player: joins with a code and a name; waits for their seat. */
export async function joinAs(page: Page, url: string, code: string, name: string): Promise<void> {
  await page.goto(`${url}/#/join/${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.locator('.role-badge').waitFor({ timeout: 15_000 });
}

export async function injectTitle(page: Page): Promise<string | null> {
  const el = page.locator('#inject-title');
  return (await el.count()) ? ((await el.textContent()) ?? null) : null;
}

/** Player: picks the option with this label and sends it (vote or commit as the UI offers). */
export async function decide(page: Page, label: string, reason?: string): Promise<void> {
  const option = page.locator('label.option', { hasText: label }).first();
  await option.locator('input[type=radio]').check();
  if (reason !== undefined) await page.getByLabel(/Your reason/).fill(reason);
  await page.locator('form.decision button[type=submit]').click();
}

/** Waits until the inject on screen is no longer `previous` (a new inject, an ending or the debrief). */
export async function waitForNext(page: Page, previous: string | null, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (prev) => {
      const t = document.querySelector('#inject-title')?.textContent ?? null;
      return t !== prev || document.querySelector('#ending-h, .debrief') !== null;
    },
    previous,
    { timeout },
  );
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

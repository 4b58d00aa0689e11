/**
 * Players' phones download only what the player screen needs: the facilitator console (lobby,
 * board, debrief and the join QR code) is a chunk of its own that only staff seats fetch, and it
 * comes back after a reload of the console.
 */
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, testDrill } from './helpers/app.ts';
import { chromiumPath, device, PHONE, PROJECTOR } from './helpers/browser.ts';
import { createExercise, drillFacts, joinAs } from './helpers/ui.ts';

const DRILL = testDrill();

/** The file names of every script the page requests from now on. */
function scriptsLoaded(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) names.push(path.slice(path.lastIndexOf('/') + 1));
  });
  return names;
}

const isConsole = (name: string) => name.startsWith('FacilitatorConsole-');

describe.skipIf(!chromiumPath)('code splitting by seat', () => {
  const env = appAndBrowser(dirname(DRILL));

  it('a player never downloads the facilitator console; the facilitator gets it, also after a reload', async () => {
    const { app, browser } = env;
    const fac = await device(browser, PROJECTOR);
    const facScripts = scriptsLoaded(fac.page);
    const code = await createExercise(fac.page, app.url, drillFacts(DRILL).title, ['Blue team']);
    expect(facScripts.filter(isConsole)).toHaveLength(1);

    const player = await device(browser, PHONE);
    const playerScripts = scriptsLoaded(player.page);
    await joinAs(player.page, app.url, code, 'Ada');
    await fac.page.getByRole('button', { name: /Start the exercise/ }).click();
    await player.page.locator('#inject-title').waitFor({ timeout: 15_000 });
    expect(playerScripts.length, 'the player page loaded its scripts').toBeGreaterThan(0);
    expect(playerScripts.filter(isConsole)).toEqual([]);

    facScripts.length = 0;
    await fac.page.reload();
    await fac.page.getByRole('button', { name: /Pause/ }).waitFor({ timeout: 15_000 });
    expect(facScripts.filter(isConsole)).toHaveLength(1);
    expect([...fac.errors, ...player.errors]).toEqual([]);
    for (const d of [fac, player]) await d.context.close();
  }, 120_000);
});

/**
 * The poisoned agent tool drill (issue 14): the lessons it teaches are the routes it takes. Asking
 * the agent, removing the tool from one agent, rotating only the mail key or waiting for forensics
 * must each cost the team the outcome they would cost in a real incident.
 */
import { describe, expect, it } from 'vitest';
import { loadClean } from '../engine/helpers.ts';
import { routeOutcome } from './route-outcome.ts';

const loaded = loadClean('scenarios/poisoned-agent-tool.yaml');
const { drill } = loaded;

const outcome = (ids: string[] | 'best' | 'worst') => routeOutcome(loaded, ids);

describe('poisoned agent tool drill', () => {
  it('the best path ends contained with every expectation met and every credential the tool read replaced', () => {
    const best = outcome('best');
    expect(best.ending).toBe('contained');
    expect(best.missed).toEqual([]);
    expect([best.credential('mail-key'), best.credential('deploy-key'), best.credential('git-tokens')]).toEqual(['rotated', 'rotated', 'revoked']);
  });

  it('the worst path ends exposed and misses every expectation but one', () => {
    const worst = outcome('worst');
    expect(worst.ending).toBe('still-exposed');
    expect(worst.missed.length).toBeGreaterThanOrEqual(drill.scenario.expectations.length - 1);
  });

  it('asking the agent gives no detection credit even though the facts arrive later', () => {
    const asked = outcome(['ask-agent', 'keep-now', 'deny-everywhere', 'rotate-all', 'notify-both', 'allow-list-pinned']);
    expect(asked.missed).toEqual(['read-the-trace']);
    expect(asked.ending).toBe('contained');
  });

  it('removing the tool from the ops agent only, and emailing the developers, leaves the attacker a way in', () => {
    const half = outcome(['trace-and-diff', 'ops-only', 'email-devs', 'rotate-all', 'notify-both', 'allow-list-pinned']);
    expect(half.ending).toBe('still-exposed');
    expect(half.missed).toContain('deny-everywhere');
  });

  it('rotating only the mail key leaves the deploy key valid and the ending bad', () => {
    const mailOnly = outcome(['trace-and-diff', 'deny-everywhere', 'mail-only', 'notify-both', 'allow-list-pinned']);
    expect(mailOnly.credential('deploy-key')).toBe('valid');
    expect(mailOnly.ending).toBe('still-exposed');
  });

  it('waiting for the forensic report breaches the GDPR clock and denies the good ending', () => {
    const late = outcome(['trace-and-diff', 'deny-everywhere', 'rotate-all', 'wait-forensics', 'allow-list-pinned']);
    expect(late.clock('gdpr')).toBe('breached');
    expect(late.ending).toBe('contained-late');
  });
});

/** Counts with the right noun form, chosen by Intl.PluralRules (the one pluralisation helper). */

const rules = new Intl.PluralRules('en');

/** "1 vote", "3 votes", "0 votes"; `many` defaults to `one` + "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${pluralNoun(count, one, many)}`;
}

/** The noun form alone, for a number shown apart ("<strong>3</strong> items"). */
export function pluralNoun(count: number, one: string, many = `${one}s`): string {
  return rules.select(count) === 'one' ? one : many;
}

/** A unit after a number: "1 pod-hour", "3 pod-hours" (units are written plural in drills). */
export function unitFor(count: number, unit: string): string {
  return rules.select(count) === 'one' && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
}

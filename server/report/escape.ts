/**
 * HTML escaping for the HTML export. Every string from a player, a facilitator or a scenario
 * passes through `esc` before it reaches markup (scenario Markdown goes through markdown-html.ts).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Shortens text to `max` characters with an ellipsis (before escaping). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

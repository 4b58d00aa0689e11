/**
 * HTML escaping for the HTML export. Every string from a player, a facilitator or a scenario
 * passes through `esc` before it reaches markup; `inlineMarkdown` then turns the few Markdown
 * marks scenario feedback uses into tags, on text that is already escaped.
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

/** Escapes scenario Markdown and renders **bold**, *emphasis* and `code`; paragraphs on blank lines. */
export function inlineMarkdown(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) =>
      esc(para)
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
        .replace(/\n/g, ' '),
    )
    .join('<br><br>');
}

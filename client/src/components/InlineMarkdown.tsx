/**
 * Inline Markdown for short texts such as option labels: `code`, **bold** and *emphasis*, as
 * React elements (never HTML), small enough for the first screen of the phone and the board.
 */
const TOKEN = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;

export function InlineMarkdown({ text }: { text: string }) {
  const parts = text.split(TOKEN);
  return (
    <>
      {parts.map((p, i) => {
        if (i % 2 === 0) return p;
        if (p.startsWith('`')) return <code key={i}>{p.slice(1, -1)}</code>;
        if (p.startsWith('**')) return <strong key={i}>{p.slice(2, -2)}</strong>;
        return <em key={i}>{p.slice(1, -1)}</em>;
      })}
    </>
  );
}

/** The same text without its marks, for places that take plain text only (a select's options, a title). */
export function plainText(text: string): string {
  return text.replace(TOKEN, (m) => (m.startsWith('**') ? m.slice(2, -2) : m.slice(1, -1)));
}

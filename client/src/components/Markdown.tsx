import { lazy, Suspense } from 'react';

const MarkdownImpl = lazy(() => import('./MarkdownImpl.tsx'));

/** Markdown text; until the renderer loads, the raw text shows as plain (inert) text. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`md ${className ?? ''}`}>
      <Suspense fallback={<p className="md-plain">{text}</p>}>
        <MarkdownImpl text={text} />
      </Suspense>
    </div>
  );
}

/**
 * Markdown rendering (loaded lazily: it is most of the bundle's weight). No raw HTML:
 * react-markdown escapes it, `skipHtml` drops it, and unsafe URLs are stripped by the default
 * urlTransform. Nothing a scenario or a user writes can run as script.
 */
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { messages } from '../text/messages.ts';

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  img: ({ node: _node, alt }) => <span className="md-img-alt">{messages.common.image(alt)}</span>,
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={messages.common.table}>
      <table {...props} />
    </div>
  ),
};

export default function MarkdownImpl({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
      {text}
    </ReactMarkdown>
  );
}

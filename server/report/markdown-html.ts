/**
 * Scenario Markdown as HTML for the exported report, with the same parser and GitHub-flavoured
 * extensions the web client renders it with (unified + remark-parse + remark-gfm), so a prompt
 * reads the same in the browser and in the file a manager keeps. The safety rules match the
 * client's too: raw HTML in the text is dropped, a link may only go to http(s), mailto or a
 * relative address and opens in a new tab, and an image shows as its description (an exported
 * report loads nothing from elsewhere).
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const SAFE_PROTOCOL = /^(https?|mailto):/i;

/** A link target is kept when it has no scheme (relative, #anchor) or a safe one. */
function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  const colon = href.indexOf(':');
  const scheme = colon === -1 ? -1 : href.slice(0, colon).search(/[/?#]/);
  const relative = colon === -1 || scheme !== -1;
  return relative || SAFE_PROTOCOL.test(href) ? href : undefined;
}

/** Rewrites links and images the way the client's Markdown component does. */
function reportSafe(node: Root | Element): void {
  node.children = node.children.map((child): ElementContent | typeof child => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') {
      const alt =
        typeof child.properties.alt === 'string' && child.properties.alt ? child.properties.alt : 'no description';
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['md-img-alt'] },
        children: [{ type: 'text', value: `[image: ${alt}]` }],
      };
    }
    if (child.tagName === 'a') {
      const href = safeHref(child.properties.href);
      child.properties = href ? { href, target: '_blank', rel: ['noopener', 'noreferrer', 'nofollow'] } : {};
    }
    reportSafe(child);
    return child;
  }) as typeof node.children;
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype) // raw HTML is dropped: allowDangerousHtml stays off
  .use(() => (tree: Root) => {
    reportSafe(tree);
    // one paragraph renders inline, so a prompt sits in a list item like plain text
    const blocks = tree.children.filter((c) => c.type !== 'text' || c.value.trim() !== '');
    if (blocks.length === 1 && blocks[0]!.type === 'element' && blocks[0]!.tagName === 'p')
      tree.children = blocks[0]!.children;
  })
  .use(rehypeStringify);

/** Renders scenario Markdown (one paragraph inline, several as blocks) to safe HTML. */
export function markdownToHtml(text: string): string {
  return String(processor.processSync(text.trim()));
}

import MarkdownIt from 'markdown-it';

// Raw HTML in a tip is shown as text, and markdown-it refuses javascript:, vbscript: and
// file: links, so no author can put script on a colleague's screen.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**Say**: sorry\n\n- one')).toBe(
      '<p><strong>Say</strong>: sorry</p>\n<ul>\n<li>one</li>\n</ul>\n',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
  ])('never lets %s through as markup', (attack) => {
    const html = renderMarkdown(attack);
    // whatever is left is escaped text, never a tag or a script link
    expect(html).not.toMatch(/<script|<img|<a href="javascript/i);
  });
});

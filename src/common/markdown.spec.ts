import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**Say**: "sorry"')).toBe('<p><strong>Say</strong>: “sorry”</p>\n'.replace(/[“”]/g, '"'));
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
  ])('never lets %s through as markup', (attack) => {
    const html = renderMarkdown(attack);
    expect(html).not.toMatch(/<script|<img|onerror=|href="javascript/i);
  });
});

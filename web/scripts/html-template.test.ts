import { describe, expect, it } from 'vitest';
import { SIGNED_IN_FIRST_PAINT_SCRIPT } from '@stride/contract/signed-in-first-paint';
import { assertTemplate, fillTemplate } from './html-template';

const template = '<head><!--app-head--><title><!--app-title--></title></head><div id="root"><!--app-html--></div><!--app-state-->';

describe('fillTemplate', () => {
  it('escapes the title and inserts markup and state verbatim', () => {
    const page = fillTemplate(template, {
      title: 'Tom & "Jerry" <3',
      html: '<p>$& $1</p>',
      stateScript: '<script type="application/json">{}</script>',
    });
    expect(page).toBe(
      `<head><script>${SIGNED_IN_FIRST_PAINT_SCRIPT}</script><title>Tom &amp; &quot;Jerry&quot; &lt;3</title></head>` +
        '<div id="root"><p>$& $1</p></div><script type="application/json">{}</script>',
    );
  });

  it('names a missing placeholder', () => {
    expect(() => assertTemplate('<!--app-head--><title></title>', 'index.html')).toThrow(
      'index.html: the HTML template lost its <!--app-title--> placeholder',
    );
    expect(() => assertTemplate(template, 'index.html')).not.toThrow();
  });
});

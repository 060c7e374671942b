import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES } from '../../functions/src/domain/crisis-resources.ts';
import { expandCrisisLines } from '../../site/src/lib/crisis-lines.ts';

describe('crisis-line tokens in education pages', () => {
  it('turn into links with the number and label from the crisis-resources module, in each language', () => {
    const dv = CRISIS_RESOURCES.domesticViolence;
    expect(expandCrisisLines('<li>{{line:dv-call}}</li>', 'en')).toBe(`<li><a href="${dv.call.href}" data-crisis-line="dv-call">${dv.call.label.en}</a></li>`);
    expect(expandCrisisLines('<li>{{line:dv-call}}</li>', 'es')).toBe(`<li><a href="${dv.call.href}" data-crisis-line="dv-call">${dv.call.label.es}</a></li>`);
  });

  it('escape the ampersand of an sms: link with a message body', () => {
    const href = CRISIS_RESOURCES.domesticViolence.text.href;
    expect(href).toContain('&');
    expect(expandCrisisLines('{{line:dv-text}}', 'en')).toContain(`href="${href.replace('&', '&#38;')}"`);
  });

  it('expand every token on the page and leave other text alone', () => {
    const { call } = CRISIS_RESOURCES.lifeline;
    const text = CRISIS_RESOURCES.lifeline.text.en;
    const html = expandCrisisLines('<p>{{line:988-call}} or {{line:988-text}}; {{fig:kept}}</p>', 'en');
    expect(html).toBe(`<p><a href="${call.href}" data-crisis-line="988-call">${call.label.en}</a> or <a href="${text.href}" data-crisis-line="988-text">${text.label.en}</a>; {{fig:kept}}</p>`);
  });

  it('give the Trevor Project lines from the module, so the LGBTQ+ youth pages type no number', () => {
    const t = CRISIS_RESOURCES.trevor;
    for (const [id, line] of [['trevor-call', t.call], ['trevor-text', t.text], ['trevor-chat', t.chat]] as const) {
      expect(expandCrisisLines(`{{line:${id}}}`, 'es')).toBe(`<a href="${line.href.replace('&', '&#38;')}" data-crisis-line="${id}">${line.label.es}</a>`);
    }
  });

  it('fail the build on an unknown line', () => {
    expect(() => expandCrisisLines('{{line:press-3}}', 'en')).toThrow(/Unknown crisis line "\{\{line:press-3\}\}"/);
  });
});

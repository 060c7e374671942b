import { describe, expect, inject, it } from 'vitest';
import { runLighthouse } from '../support/lighthouse.ts';

/** One page of each template (and the Spanish home page): accessibility and best practices at 100. */
const baseUrl = inject('baseUrl');
const templates = [
  '/',
  '/es/',
  '/safe-storage/',
  '/red-flag-laws/',
  '/red-flag-laws/wa/',
  '/red-flag-laws/which-option/',
  '/red-flag-laws/zip-error/invalid/',
  '/c/demo-city/red-flag-laws/',
  '/c/demo-city/get-a-lock/',
  '/es/c/demo-city/get-a-lock/request/',
  '/c/pine-hollow/',
  '/vi/c/pine-hollow/',
  '/es/c/mesa-alta/flyer/',
  '/c/harbor-point/',
];

describe('Lighthouse', () => {
  it.each(templates)('%s scores 100 for accessibility and best practices', async (path) => {
    const scores = await runLighthouse(`${baseUrl}${path}`);
    expect({ path, accessibility: scores.accessibility, bestPractices: scores['best-practices'] }, `failing audits: ${scores.failing.join(', ')}`).toEqual({
      path,
      accessibility: 100,
      bestPractices: 100,
    });
  }, 120_000);
});

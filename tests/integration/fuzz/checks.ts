import { parse } from 'node-html-parser';
import { REFUSAL_MESSAGES } from '../../../functions/src/domain/errors.ts';
import type { SiteLocale } from '../../../functions/src/domain/locales.ts';
import { HIDDEN_CHARACTERS_MESSAGE } from '../../../functions/src/domain/text.ts';
import { ZIP_TEXT } from '../../../functions/src/domain/zip.ts';
import { LOCK_REQUEST_MESSAGES } from '../../../functions/src/locks/messages.ts';
import { PLATFORM_MESSAGES } from '../../../functions/src/platform/http/messages.ts';
import { PLEDGE_MESSAGES } from '../../../functions/src/pledges/messages.ts';
import { isRateCounter } from './harness.ts';

/**
 * The properties every answer to a hostile input must have: no 5xx; a rejection is a 4xx with the
 * one JSON error shape or a page with the crisis lines; field errors in the request's language,
 * from the capabilities' message catalogues; and nothing written for it but rate-limit counters.
 */

type Catalogue = Record<string, { en: string; es: string }>;
const CATALOGUES: Catalogue[] = [LOCK_REQUEST_MESSAGES, PLEDGE_MESSAGES, REFUSAL_MESSAGES, ZIP_TEXT, PLATFORM_MESSAGES, { hidden: HIDDEN_CHARACTERS_MESSAGE }];

/** Every field message a person can get, by language. */
export const FIELD_MESSAGES: Record<SiteLocale, ReadonlySet<string>> = {
  en: new Set(CATALOGUES.flatMap((c) => Object.values(c).map((m) => m.en))),
  es: new Set(CATALOGUES.flatMap((c) => Object.values(c).map((m) => m.es))),
};

export interface Expectation {
  /** The language field errors must be in: of a JSON answer, and of a page answer. */
  apiLocale: SiteLocale;
  pageLocale: SiteLocale;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  writes: readonly string[];
  location: string | null;
}

export async function answerOf(response: Response, writes: readonly string[]): Promise<Answer> {
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text(), writes, location: response.headers.get('location') };
}

const fail = (why: string, answer: Answer): never => {
  throw new Error(`${why}\n  status ${answer.status} ${answer.contentType}\n  body: ${answer.text.slice(0, 600)}`);
};

function checkMessages(messages: readonly string[], locale: SiteLocale, answer: Answer, where: string) {
  for (const message of messages) {
    if (!FIELD_MESSAGES[locale].has(message)) fail(`${where} message is not in the ${locale} catalogue: ${JSON.stringify(message)}`, answer);
  }
}

/** The JSON error shape, field errors in the request's language. */
function checkJsonRejection(answer: Answer, expected: Expectation) {
  let body: { error?: { code?: unknown; message?: unknown; fields?: Record<string, unknown> } };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return fail('a JSON rejection that is not JSON', answer);
  }
  const error = body.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return fail('a rejection without { error: { code, message } }', answer);
  if (error.fields !== undefined) {
    for (const [field, messages] of Object.entries(error.fields)) {
      if (!Array.isArray(messages) || messages.some((m) => typeof m !== 'string')) fail(`field ${field}: messages are not a list of text`, answer);
      checkMessages(messages as string[], expected.apiLocale, answer, `field ${JSON.stringify(field)}:`);
    }
  }
  if (error.code === 'validation_failed') checkMessages([error.message], expected.apiLocale, answer, 'the summary');
}

/** A page: in its language, with the crisis lines, and a GOV.UK error summary from the catalogue. */
function checkPageRejection(answer: Answer, expected: Expectation) {
  // Plain searches for the banner and the language (thousands of pages are checked); the summary is parsed.
  if (!/<aside [^>]*data-crisis-banner/.test(answer.text) || !answer.text.includes('href="tel:988"')) fail('an error page without the crisis banner', answer);
  const lang = /<html[^>]* lang="([^"]*)"/.exec(answer.text)?.[1];
  if (lang !== expected.pageLocale) fail(`an error page in ${lang}, expected ${expected.pageLocale}`, answer);
  const at = answer.text.indexOf('class="error-summary"');
  if (at < 0) return;
  const summary = parse(answer.text.slice(at - 5, answer.text.indexOf('</ul>', at) + 5));
  const items = summary.querySelectorAll('.error-summary__list li').map((li) => li.text.trim());
  checkMessages(items, expected.pageLocale, answer, 'the error summary:');
}

/** Every property of one answer; throws with what went wrong and the body. */
export function checkAnswer(answer: Answer, expected: Expectation): void {
  if (answer.status >= 500) fail('a 5xx for client input', answer);
  if (answer.status < 400) return;
  const written = answer.writes.filter((key) => !isRateCounter(key));
  if (written.length) fail(`a rejected input wrote ${written.join(', ')}`, answer);
  if (answer.contentType.startsWith('application/json')) checkJsonRejection(answer, expected);
  else if (answer.contentType.startsWith('text/html')) checkPageRejection(answer, expected);
  else fail('a rejection that is neither the JSON error shape nor a page', answer);
}

import { ZIP_TEXT } from '#domain/zip';

/** The finder's error messages; each has a static page the no-JS form lands on. */
export const ZIP_ERROR_KINDS = ['invalid', 'not-found', 'outside'] as const;
export type ZipErrorKind = (typeof ZIP_ERROR_KINDS)[number];

export const ZIP_ERRORS: Record<ZipErrorKind, { en: string; es: string }> = {
  invalid: ZIP_TEXT.invalid,
  'not-found': {
    en: 'We could not find that ZIP code. Check the number, or choose your state from the list',
    es: 'No encontramos ese código postal. Revise el número o elija su estado en la lista',
  },
  outside: {
    en: 'That ZIP code is in a US territory or is a military address. This guide covers the 50 states and DC: choose a state from the list',
    es: 'Ese código postal es de un territorio de EE. UU. o de una dirección militar. Esta guía cubre los 50 estados y DC: elija un estado en la lista',
  },
};

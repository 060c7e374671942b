/** Where the red-flag records live: one item per state, all listed on gsi1 (docs/data-model.md). */
export const erpoStateKeys = (code: string) => ({
  pk: `ERPO#${code}`,
  sk: 'ERPO',
  gsi1pk: 'ERPO',
  gsi1sk: code,
});

export const erpoListKey = () => ({ gsi1pk: 'ERPO' });

import type { ErpoRecord } from '../domain/erpo.ts';

/** The red-flag law dataset: one record per state and DC. */
export interface ErpoRepository {
  list(): Promise<ErpoRecord[]>;
  get(code: string): Promise<ErpoRecord | null>;
  putAll(records: readonly ErpoRecord[]): Promise<void>;
}

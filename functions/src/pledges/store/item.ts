import { withoutStorageAttributes, type Item } from '../../platform/dynamo/table.ts';
import type { PledgeRecord } from '../rules/record.ts';

/** Bumped when the item's shape changes. */
export const ITEM_VERSION = 1;

/** A stored pledge item as the record, without its keys and bookkeeping. */
export const fromItem = (item: Item): PledgeRecord => withoutStorageAttributes(item) as unknown as PledgeRecord;

import type { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './table.ts';

/**
 * One conditional write (an update, put or delete with a ConditionExpression): true when it was
 * written, false when its condition did not hold (nothing was written). Any other error is thrown.
 */
export async function writeIf(table: Table, command: UpdateCommand | PutCommand | DeleteCommand): Promise<boolean> {
  try {
    await table.doc.send(command as UpdateCommand);
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

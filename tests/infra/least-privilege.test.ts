import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACTIONS } from '../../infra/lib/constructs/function-access.ts';
import { actionsOf, functionStatements, resourceByPrefix, statementsFor, synth } from './synth.ts';

const FUNCTIONS = [
  ['ApiHandler', TABLE_ACTIONS.api],
  ['LockSweepHandler', TABLE_ACTIONS.sweep],
  ['ContentSeedHandler', TABLE_ACTIONS.contentSeed],
  ['StaffExportsHandler', TABLE_ACTIONS.staffExports],
  ['EmailEventsHandler', TABLE_ACTIONS.emailEvents],
  ['EmailDeliveryHandler', TABLE_ACTIONS.emailDelivery],
] as const;

/** What reading the table's change stream takes (the email consumer's event source). */
const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const isStreamStatement = (s: { Action: string | string[] }) => [s.Action].flat().every((a) => STREAM_ACTIONS.includes(a));
const tableStatements = (template: Template, fn: string) => statementsFor(functionStatements(template, fn), 'dynamodb:').filter((s) => !isStreamStatement(s));

describe('least privilege', () => {
  let template: Template;
  let tableId: string;
  beforeAll(() => {
    template = synth('prod').template;
    tableId = resourceByPrefix(template, 'AWS::DynamoDB::Table', 'DataTable').id;
  });

  it('gives each function exactly its own list of table actions, on the table and its named index', () => {
    for (const [fn, expected] of FUNCTIONS) {
      const dynamo = tableStatements(template, fn);
      expect(dynamo, fn).toHaveLength(1);
      expect(actionsOf(dynamo).sort(), fn).toEqual(expected.map((a) => `dynamodb:${a}`).sort());
      expect(dynamo[0]!.Resource, fn).toEqual([
        { 'Fn::GetAtt': [tableId, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/gsi1']] },
      ]);
    }
  });

  it('lets no function scan, and only the content seed write in batches', () => {
    for (const [fn] of FUNCTIONS) {
      const actions = actionsOf(tableStatements(template, fn));
      expect(actions, fn).not.toContain('dynamodb:Scan');
      expect(actions.some((a) => a.includes('*')), fn).toBe(false);
      expect(actions.includes('dynamodb:BatchWriteItem'), fn).toBe(fn === 'ContentSeedHandler');
      // Batch reads only where the code sums pledge counters or checks the suppression list.
      expect(actions.includes('dynamodb:BatchGetItem'), fn).toBe(['ApiHandler', 'LockSweepHandler', 'StaffExportsHandler', 'EmailDeliveryHandler'].includes(fn));
    }
  });

  it('lets only the API describe the table (its health check)', () => {
    for (const [fn] of FUNCTIONS) {
      expect(actionsOf(functionStatements(template, fn)).includes('dynamodb:DescribeTable'), fn).toBe(fn === 'ApiHandler');
    }
  });

  it('grants no other service to the app functions than logs, the table, their secrets, SES and (seed) its content object', () => {
    const allowed: Record<string, string[]> = {
      // The API only queues email in its transactions: it cannot send any.
      ApiHandler: ['dynamodb:', 'secretsmanager:'],
      LockSweepHandler: ['dynamodb:', 'secretsmanager:', 'ses:'],
      // The stream consumer also hands records it gave up on to its dead-letter queue.
      EmailDeliveryHandler: ['dynamodb:', 'secretsmanager:', 'ses:', 'sqs:'],
      ContentSeedHandler: ['dynamodb:', 's3:'],
      // The exports never send mail; the email-events function only marks addresses (and hands
      // the notifications it fails on to its dead-letter queue).
      StaffExportsHandler: ['dynamodb:', 'secretsmanager:'],
      EmailEventsHandler: ['dynamodb:', 'secretsmanager:', 'sqs:'],
    };
    for (const [fn] of FUNCTIONS) {
      for (const action of actionsOf(functionStatements(template, fn))) {
        expect(allowed[fn]!.some((p) => action.startsWith(p)), `${fn}: ${action}`).toBe(true);
      }
    }
  });

  it('lets only the email consumer read the change stream, and only this table\'s stream', () => {
    for (const [fn] of FUNCTIONS) {
      const stream = functionStatements(template, fn).filter(isStreamStatement);
      if (fn !== 'EmailDeliveryHandler') {
        expect(stream, fn).toEqual([]);
        continue;
      }
      const onStream = stream.filter((s) => JSON.stringify(s.Resource).includes('StreamArn'));
      expect(actionsOf(onStream).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
      expect(JSON.stringify(onStream.map((s) => s.Resource))).toContain(tableId);
    }
  });
});

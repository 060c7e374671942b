import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface HealthProbe {
  /** Resolves true when the table answers within the time limit. Never throws. */
  ping(): Promise<boolean>;
}

/** Asks DynamoDB to describe the table; a slow or failing answer counts as unhealthy. */
export function dynamoHealthProbe(client: DynamoDBClient, tableName: string, timeoutMs = 2000): HealthProbe {
  return {
    async ping() {
      try {
        const out = await client.send(new DescribeTableCommand({ TableName: tableName }), {
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
        return out.Table?.TableStatus === 'ACTIVE';
      } catch {
        return false;
      }
    },
  };
}

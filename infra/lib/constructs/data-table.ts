import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../../functions/src/platform/dynamo/table-definition.ts';

export interface DataTableProps {
  stage: string;
  /** On-demand ceiling, request units per second, for the table and for each index. */
  maxReadUnits: number;
  maxWriteUnits: number;
}

/**
 * The single table, built from the same definition DynamoDB Local uses. On-demand, encrypted,
 * a keys-only change stream for email delivery (decision 0018), point-in-time recovery with a 14-day window (shorter than the 35-day default so deleted
 * personal data leaves backups sooner), TTL on, and deletion protection in prod. On-demand has a
 * maximum throughput per stage: beyond it DynamoDB throttles instead of billing, which bounds cost
 * and how fast anyone could drain lock stock (docs/deploying.md, "Limits and why").
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      maxReadRequestUnits: props.maxReadUnits,
      maxWriteRequestUnits: props.maxWriteUnits,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 14 },
      timeToLiveAttribute: TABLE.ttlAttribute,
      // Keys only: the email consumer needs the outbox entry's key, and no personal data is copied.
      stream: StreamViewType[TABLE.streamViewType],
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const gsi of TABLE.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        maxReadRequestUnits: props.maxReadUnits,
        maxWriteRequestUnits: props.maxWriteUnits,
      });
    }
  }
}

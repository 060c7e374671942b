/**
 * Deploy-time content seed: a CloudFormation custom resource (infra/lib/constructs/content-seed.ts)
 * calls this on create and update with the S3 location of the content file that `cdk synth`
 * built from site/src/content. It validates the file with the same schemas and loads it with the
 * same code as the local start-up. Delete is a no-op: the table keeps its data (and prod keeps the
 * table).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { loadConfig } from './config.ts';
import { seedContent, seedContentSchema } from './content-seed.ts';
import { createDeps, type AppDeps } from './deps.ts';
import { noKeyRing } from './platform/secrets/key-ring.ts';

const PHYSICAL_ID = 'lockline-content-seed';

/** The seed itself, with the object reader passed in so tests need no S3. */
export async function seedFromEvent(
  event: CloudFormationCustomResourceEvent,
  deps: Pick<AppDeps, 'campaigns' | 'stock' | 'erpo' | 'logger'>,
  readObject: (bucket: string, key: string) => Promise<string>,
) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: PHYSICAL_ID };
  const { Bucket, Key } = event.ResourceProperties as unknown as { Bucket: string; Key: string };
  const content = seedContentSchema.parse(JSON.parse(await readObject(Bucket, Key)));
  const seeded = await seedContent(deps, content);
  deps.logger.info('content seeded', seeded);
  return { PhysicalResourceId: PHYSICAL_ID, Data: seeded };
}

let runtime: { deps: AppDeps; s3: S3Client } | undefined;

export async function handler(event: CloudFormationCustomResourceEvent) {
  runtime ??= (() => {
    // The seed signs nothing: it gets no signing key.
    const deps = createDeps(loadConfig(), { keyRing: noKeyRing });
    return { deps, s3: new S3Client({ region: deps.config.region }) };
  })();
  const { s3 } = runtime;
  return seedFromEvent(event, runtime.deps, async (Bucket, Key) => {
    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
  });
}

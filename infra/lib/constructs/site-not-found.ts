import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { experimental } from 'aws-cdk-lib/aws-cloudfront';
import { Code, Runtime, type IVersion } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { notFoundHandlerSource } from '../edge/not-found-handler.ts';

export interface SiteNotFoundProps {
  /** Folder of the built Astro site. */
  siteDist: string;
}

/** The site build's 404 pages, English and Spanish. */
export function readNotFoundPages(siteDist: string): { en: string; es: string } {
  const read = (path: string) => {
    try {
      return readFileSync(join(siteDist, path), 'utf8');
    } catch {
      throw new Error(`The site build has no ${path} in ${siteDist}. Run: npm run build`);
    }
  };
  return { en: read('404.html'), es: read(join('es', '404', 'index.html')) };
}

/**
 * The Lambda@Edge function that answers missing static paths with the site's 404 page (see
 * ../edge/not-found-handler.ts). Lambda@Edge functions live in us-east-1, run on x86_64 and have
 * no environment; this construct belongs in a us-east-1 stack (LocklineStack puts it in the edge
 * stack when it is elsewhere). It only runs when CloudFront goes to S3 (origin response), not on
 * cached hits, and logs nothing.
 */
export class SiteNotFound extends Construct {
  readonly version: IVersion;

  constructor(scope: Construct, id: string, props: SiteNotFoundProps) {
    super(scope, id);
    const dir = mkdtempSync(join(tmpdir(), 'lockline-not-found-'));
    writeFileSync(join(dir, 'index.mjs'), notFoundHandlerSource(readNotFoundPages(props.siteDist)));
    const fn = new experimental.EdgeFunction(this, 'Function', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromAsset(dir),
      memorySize: 128,
      timeout: Duration.seconds(5),
      description: 'Lockline: the site 404 page for missing static paths',
    });
    this.version = fn.currentVersion;
  }
}

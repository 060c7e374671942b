import { isStage, type Stage } from './stage-limits.ts';
import type { SiteDomain } from './constructs/site-distribution.ts';

export interface AppContext {
  stage: Stage;
  siteUrl: string;
  mailFrom: string;
  pauseSweep: boolean;
  alarmEmail?: string;
  domain?: SiteDomain;
  originSecretVersion?: string;
  /** Settings left at a placeholder; the app warns about each. */
  placeholders: string[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Reads and checks the `-c key=value` settings of `cdk synth|deploy`. Dev synthesises with
 * placeholders (`.invalid`, RFC 2606, can never reach a real domain); prod refuses to: a prod
 * deploy must name its site, its sender and who is told when an alarm fires.
 */
export function readAppContext(get: (key: string) => unknown): AppContext {
  const text = (key: string) => {
    const v = get(key);
    return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v).trim();
  };
  const stage = text('stage') ?? 'dev';
  if (!isStage(stage)) throw new Error(`Unknown stage "${stage}": use dev or prod.`);

  const names = (text('domainName') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const certificateArn = text('certificateArn');
  if (names.length > 0 !== (certificateArn !== undefined)) {
    throw new Error('Set both -c domainName=... and -c certificateArn=... (an ACM certificate in us-east-1), or neither.');
  }
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error('certificateArn must be an ACM certificate in us-east-1 (CloudFront only uses certificates from there).');
  }
  const domain = certificateArn ? { names, certificateArn } : undefined;

  const placeholders: string[] = [];
  let siteUrl = text('siteUrl') ?? (domain ? `https://${names[0]}` : undefined);
  if (!siteUrl) {
    siteUrl = `https://${stage}.lockline.invalid`;
    placeholders.push('siteUrl');
  }
  let mailFrom = text('mailFrom');
  if (!mailFrom) {
    mailFrom = `no-reply@${stage}.lockline.invalid`;
    placeholders.push('mailFrom');
  }
  if (!EMAIL.test(mailFrom)) throw new Error(`mailFrom must be an email address, got "${mailFrom}".`);
  const alarmEmail = text('alarmEmail');
  if (alarmEmail && !EMAIL.test(alarmEmail)) throw new Error(`alarmEmail must be an email address, got "${alarmEmail}".`);
  if (!alarmEmail) placeholders.push('alarmEmail');

  if (stage === 'prod') {
    const missing = placeholders.map((key) => `-c ${key}=...`);
    if (missing.length > 0) throw new Error(`A prod deploy needs: ${missing.join(' ')} (docs/deploying.md).`);
  }
  const originSecretVersion = text('originSecretVersion');
  if (originSecretVersion && !/^[\w-]{32,64}$/.test(originSecretVersion)) {
    throw new Error('originSecretVersion must be a Secrets Manager VersionId (from put-secret-value).');
  }
  return { stage, siteUrl, mailFrom, pauseSweep: text('pauseSweep') === 'true', alarmEmail, domain, originSecretVersion, placeholders };
}

import { describe, expect, it } from 'vitest';
import { readAppContext } from '../../infra/lib/app-context.ts';

const from = (values: Record<string, string>) => (key: string) => values[key];
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';

describe('deploy settings (-c key=value)', () => {
  it('synthesises dev with placeholders on a reserved .invalid domain, and names each one', () => {
    const context = readAppContext(from({}));
    expect(context).toMatchObject({ stage: 'dev', siteUrl: 'https://dev.lockline.invalid', mailFrom: 'no-reply@dev.lockline.invalid', pauseSweep: false });
    expect(context.placeholders).toEqual(['siteUrl', 'mailFrom', 'alarmEmail']);
  });

  it('refuses prod without its site, its sender and an alarm address', () => {
    expect(() => readAppContext(from({ stage: 'prod' }))).toThrow('-c siteUrl=... -c mailFrom=... -c alarmEmail=...');
    expect(() => readAppContext(from({ stage: 'prod', siteUrl: 'https://a.gov', mailFrom: 'n@a.gov' }))).toThrow('-c alarmEmail=...');
    expect(readAppContext(from({ stage: 'prod', siteUrl: 'https://a.gov', mailFrom: 'n@a.gov', alarmEmail: 'it@a.gov' })).placeholders).toEqual([]);
  });

  it('refuses an unknown stage', () => {
    expect(() => readAppContext(from({ stage: 'staging' }))).toThrow('Unknown stage "staging"');
  });

  it('takes a custom domain only with a us-east-1 ACM certificate, and uses it as the site URL by default', () => {
    expect(readAppContext(from({ domainName: 'safe.example.gov, www.safe.example.gov', certificateArn: CERT }))).toMatchObject({
      siteUrl: 'https://safe.example.gov',
      domain: { names: ['safe.example.gov', 'www.safe.example.gov'], certificateArn: CERT },
    });
    expect(() => readAppContext(from({ domainName: 'safe.example.gov' }))).toThrow('Set both');
    expect(() => readAppContext(from({ certificateArn: CERT }))).toThrow('Set both');
    expect(() => readAppContext(from({ domainName: 'a.gov', certificateArn: CERT.replace('us-east-1', 'us-west-2') }))).toThrow('us-east-1');
  });

  it('takes the origin secret version of a rotation, and nothing that is not a version id', () => {
    const id = '4d1c8f3e-0b7a-4f5e-9c2d-123456789abc';
    expect(readAppContext(from({ originSecretVersion: id })).originSecretVersion).toBe(id);
    expect(() => readAppContext(from({ originSecretVersion: 'x}}{{resolve' }))).toThrow('VersionId');
  });

  it('checks the email addresses and reads the sweep pause flag', () => {
    expect(() => readAppContext(from({ mailFrom: 'not-an-address' }))).toThrow('mailFrom must be an email address');
    expect(() => readAppContext(from({ alarmEmail: 'x' }))).toThrow('alarmEmail must be an email address');
    expect(readAppContext(from({ pauseSweep: 'true' })).pauseSweep).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../functions/src/config.ts';

const base = { TABLE_NAME: 'lockline-test', MAIL_FROM: 'no-reply@lockline.test', SITE_URL: 'https://lockline.test', AWS_REGION: 'us-west-2' };

describe('staff sign-in configuration', () => {
  it('is absent (deny all) when nothing is set', () => {
    expect(loadConfig(base).staffSignIn).toBeUndefined();
  });

  it('derives the Cognito issuer from the pool id and region', () => {
    const config = loadConfig({ ...base, STAFF_USER_POOL_ID: 'us-west-2_AbC123', STAFF_CLIENT_ID: 'client123', STAFF_AUTH_URL: 'https://lockline-dev.auth.us-west-2.amazoncognito.com/' });
    expect(config.staffSignIn).toEqual({ clientId: 'client123', authUrl: 'https://lockline-dev.auth.us-west-2.amazoncognito.com', issuer: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_AbC123' });
  });

  it('takes an explicit issuer (the local one)', () => {
    const config = loadConfig({ ...base, STAFF_ISSUER: 'http://127.0.0.1:9000', STAFF_CLIENT_ID: 'local', STAFF_AUTH_URL: 'http://127.0.0.1:9000' });
    expect(config.staffSignIn?.issuer).toBe('http://127.0.0.1:9000');
  });

  it('refuses a half-configured sign-in, naming what is missing', () => {
    expect(() => loadConfig({ ...base, STAFF_CLIENT_ID: 'client123' })).toThrow(ConfigError);
    try {
      loadConfig({ ...base, STAFF_CLIENT_ID: 'client123' });
    } catch (error) {
      expect((error as ConfigError).variables.sort()).toEqual(['STAFF_AUTH_URL', 'STAFF_USER_POOL_ID']);
    }
  });
});

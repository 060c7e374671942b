import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadLocalSettings } from '../../functions/src/config.ts';

const minimal = { TABLE_NAME: 'lockline-dev', MAIL_FROM: 'no-reply@example.org', SITE_URL: 'https://example.org' };

describe('loadConfig', () => {
  it('parses a minimal AWS environment with safe defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      stage: 'local',
      region: 'us-east-1',
      tableName: 'lockline-dev',
      maxBodyBytes: 8192,
      allowedOrigins: [],
      logLevel: 'INFO',
    });
    expect(config.dynamodbEndpoint).toBeUndefined();
  });

  it('treats an empty endpoint as unset and splits the origin allow-list', () => {
    const config = loadConfig({
      ...minimal,
      DYNAMODB_ENDPOINT: '',
      ALLOWED_ORIGINS: 'https://a.example.org, https://b.example.org',
      MAX_BODY_BYTES: '16384',
    });
    expect(config.dynamodbEndpoint).toBeUndefined();
    expect(config.allowedOrigins).toEqual(['https://a.example.org', 'https://b.example.org']);
    expect(config.maxBodyBytes).toBe(16384);
  });

  it('names every bad variable and never echoes a value', () => {
    let thrown: unknown;
    try {
      loadConfig({ ...minimal, TABLE_NAME: '', MAIL_FROM: 'not-an-email-secret', MAX_BODY_BYTES: 'lots' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variables.sort()).toEqual(['MAIL_FROM', 'MAX_BODY_BYTES', 'TABLE_NAME']);
    expect((thrown as Error).message).not.toContain('not-an-email-secret');
  });
});

describe('loadLocalSettings', () => {
  it('runs on port 8787 with data in .lockline-data and email on the next port', () => {
    expect(loadLocalSettings({})).toMatchObject({ port: 8787, sesPort: 8788, dataDir: '.lockline-data', host: '127.0.0.1' });
  });

  it('takes PORT and DATA_DIR from the environment', () => {
    expect(loadLocalSettings({ PORT: '9000', DATA_DIR: '/tmp/x' })).toMatchObject({ port: 9000, sesPort: 9001, dataDir: '/tmp/x' });
  });

  it('rejects a port that is not a port', () => {
    expect(() => loadLocalSettings({ PORT: '70000' })).toThrow(/PORT/);
  });
});

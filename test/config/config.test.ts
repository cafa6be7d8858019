import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('has working embedded defaults and is frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
      maxMessageBytes: 26_214_400,
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      amqpUrl: undefined,
      amqpNamespace: 'berichtenpoort',
      s3: undefined,
      delivery: { maxAttempts: 5, backoffMs: [1000, 5000, 30000] },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches ports to their production adapters', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bp',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'berichten',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(config.databaseUrl).toContain('postgres://');
    expect(config.s3).toMatchObject({
      bucket: 'berichten',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
  });

  it('names every wrong variable in one error', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        S3_ENDPOINT: 'http://x',
        DELIVERY_BACKOFF_MS: 'soon',
        AMQP_NAMESPACE: 'Not Allowed',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'LOG_LEVEL', 'S3_BUCKET', 'DELIVERY_BACKOFF_MS', 'AMQP_NAMESPACE'])
        expect(message).toContain(name);
    }
  });

  it('reads an optional CONFIG_FILE; the environment wins; a bad file names the variable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-config-'));
    try {
      const file = path.join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ PORT: 9000, LOG_LEVEL: 'debug', DELIVERY_MAX_ATTEMPTS: 7 }));
      const config = loadConfig({ CONFIG_FILE: file, LOG_LEVEL: 'warn' });
      expect(config).toMatchObject({ port: 9000, logLevel: 'warn', delivery: { maxAttempts: 7 } });
      writeFileSync(file, JSON.stringify({ PORT: 'eighty' }));
      expect(() => loadConfig({ CONFIG_FILE: file })).toThrow(/PORT/);
      writeFileSync(file, '{not json');
      expect(() => loadConfig({ CONFIG_FILE: file })).toThrow(/CONFIG_FILE: .* is not valid JSON/);
      expect(() => loadConfig({ CONFIG_FILE: path.join(dir, 'missing.json') })).toThrow(/CONFIG_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

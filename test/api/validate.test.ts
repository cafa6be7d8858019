import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { officialExamples } from '../support/paths.js';
import { capturingLogger } from '../support/log-capture.js';

const { logger, lines } = capturingLogger();
const validator = new MessageValidator();
let server: Server;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', MAX_MESSAGE_BYTES: '200000' });
  const app = createApp({ config, logger, validator });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  validator.dispose();
});

describe('HTTP service', () => {
  it('GET /healthz answers ok', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('POST /api/v1/validate returns the same report as the CLI for an official example', async () => {
    const file = officialExamples().find((f) => f.endsWith('WMO301.xml'))!;
    const res = await fetch(`${base}/api/v1/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: readFileSync(file),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      file: 'request',
      standard: 'iwmo',
      message: 'WMO301',
      release: '3.2',
      verdict: 'accepted',
      xsd: { valid: true, errors: [] },
      rules: [],
    });
  });

  it('reports a DOCTYPE as unreadable and stays up', async () => {
    const res = await fetch(`${base}/api/v1/validate`, {
      method: 'POST',
      body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    });
    const report = (await res.json()) as { verdict: string };
    expect(report.verdict).toBe('unreadable');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('refuses a body over MAX_MESSAGE_BYTES with a stable code, without echoing it', async () => {
    const res = await fetch(`${base}/api/v1/validate`, { method: 'POST', body: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(body)).not.toContain('xxxx');
  });

  it('refuses an empty body and unknown routes with JSON errors', async () => {
    const empty = await fetch(`${base}/api/v1/validate`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('EMPTY_BODY');
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('logged something for the requests it served', () => {
    expect(lines.some((l) => l.includes('"validated"'))).toBe(true);
  });
});

/**
 * Privacy canary: a BSN and a surname that exist nowhere else are planted in messages that are valid,
 * XSD-invalid in ways that make libxml2 quote the value, and malformed; then every output channel a person
 * or a log collector could see is searched for them: CLI stdout/stderr (json and text), HTTP bodies and
 * the service's log lines. The BSN passes the elfproef so it looks exactly like a real one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { officialExamples } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { capturingLogger } from '../support/log-capture.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const CANARY_BSN = '999912343';
const CANARY_NAME = 'Kanariezang';

function elfproef(bsn: string): boolean {
  const d = [...bsn].map(Number);
  const sum = d.slice(0, 8).reduce((acc, digit, i) => acc + digit * (9 - i), 0) - d[8]!;
  return sum % 11 === 0;
}

const jw301 = readFileSync(
  officialExamples().find((f) => f.endsWith('JW301.xml'))!,
  'utf8',
);
const planted = jw301
  .replace(/<jw301:Bsn>\d{9}<\/jw301:Bsn>/, `<jw301:Bsn>${CANARY_BSN}</jw301:Bsn>`)
  .replace(/<ijw:Achternaam>[^<]*<\/ijw:Achternaam>/, `<ijw:Achternaam>${CANARY_NAME}</ijw:Achternaam>`);

const variants: Record<string, string> = {
  valid: planted,
  // libxml2 quotes the offending value in each of these messages.
  'BSN out of pattern': planted.replace(`>${CANARY_BSN}<`, `>${CANARY_BSN}0<`),
  'BSN as Afzender': planted.replace(/<jw301:Afzender>\d+</, `<jw301:Afzender>${CANARY_BSN}<`),
  'name too long': planted.replace(`>${CANARY_NAME}<`, `>${CANARY_NAME.repeat(30)}<`),
  'name in a number': planted.replace(/<jw301:Geslacht>\d</, `<jw301:Geslacht>${CANARY_NAME}<`),
  'birth date with a BSN': planted.replace(/<ijw:Datum>[^<]*</, `<ijw:Datum>${CANARY_BSN}<`),
  'not well-formed': planted.replace('</jw301:Client>', `<${CANARY_NAME}>${CANARY_BSN}</jw301:Client>`),
};

function assertClean(label: string, text: string): void {
  expect(text.includes(CANARY_BSN), `${label} leaks the canary BSN`).toBe(false);
  expect(text.includes(CANARY_NAME), `${label} leaks the canary name`).toBe(false);
}

describe('privacy canary', () => {
  it('uses a canary BSN that passes the elfproef and messages that really carry it', () => {
    expect(elfproef(CANARY_BSN)).toBe(true);
    for (const xml of Object.values(variants)) expect(xml).toContain(CANARY_NAME);
  });

  for (const [name, xml] of Object.entries(variants)) {
    it(`CLI validate (json and text) does not print it: ${name}`, () => {
      for (const format of ['json', 'text']) {
        const result = runCli(['validate', '--format', format, '-'], xml);
        expect(result.stdout.length).toBeGreaterThan(0);
        assertClean(`validate --format ${format} stdout`, result.stdout);
        assertClean(`validate --format ${format} stderr`, result.stderr);
      }
    });
  }

  it('CLI convert of an invalid message reports without the values', () => {
    const result = runCli(['convert', '--to', 'json', '-'], variants['BSN out of pattern']);
    expect(result.status).toBe(1);
    assertClean('convert stderr', result.stderr);
    assertClean('convert stdout', result.stdout);
  });

  it('the HTTP service answers and logs without the values', async () => {
    const { logger, lines } = capturingLogger();
    const validator = new MessageValidator();
    const app = createApp({ config: loadConfig({}), logger, validator });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const [name, xml] of Object.entries(variants)) {
        const res = await fetch(`${base}/api/v1/validate`, { method: 'POST', body: xml });
        assertClean(`HTTP body (${name})`, await res.text());
      }
      // A careless call site that passes personal data straight to the logger is caught by the logger.
      logger.info(`received ${CANARY_BSN}`, { Bsn: CANARY_BSN, client: { Achternaam: CANARY_NAME } });
      logger.error('failure', { error: new Error(`bad value ${CANARY_BSN}`) });
      expect(lines.length).toBeGreaterThan(Object.keys(variants).length);
      assertClean('log lines', lines.join('\n'));
    } finally {
      await new Promise((resolve) => server.close(resolve));
      validator.dispose();
    }
  });
});

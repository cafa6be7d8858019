/** `berichtenpoort retour <heen.xml>`, called as the function main.ts will wire in. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retourCommand } from '../../src/cli/retour.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { fixedBuilder, fixture, official } from './support.js';

const validator = new MessageValidator();
afterAll(() => validator.dispose());

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

function verdictOf(xml: string) {
  return validator.validate(Buffer.from(xml, 'utf8'), 'stdout');
}

describe('retourCommand', () => {
  it('prints the accepted JW302 for JW301 and exits 0', async () => {
    expect(await retourCommand(fixture('ijw-3.2/valid/JW301.xml'), fixedBuilder())).toBe(0);
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<jw302:Bericht /);
    expect(stdout).not.toContain('RetourCode');
    expect(verdictOf(stdout)).toMatchObject({ message: 'JW302', verdict: 'accepted' });
    expect(stderr).toBe('');
  });

  it('prints the 325 for a 323', async () => {
    expect(await retourCommand(fixture('iwmo-3.2/valid/WMO323.xml'), fixedBuilder())).toBe(0);
    expect(verdictOf(stdout)).toMatchObject({ message: 'WMO325', verdict: 'accepted' });
    expect(stdout).toContain('<wmo325:RetourCode>8001</wmo325:RetourCode>');
  });

  it('answers a message that breaks a rule with 0001 (exit 0) and shows the finding on stderr', async () => {
    expect(await retourCommand(official('iwmo', 'WMO317'), fixedBuilder())).toBe(0);
    expect(stdout).toContain('<wmo318:RetourCode>0001</wmo318:RetourCode>');
    expect(verdictOf(stdout).verdict).toBe('accepted');
    expect(stderr).toContain('TR380');
  });

  it('exits 1 with the reason and the XSD errors when the message is XSD-invalid', async () => {
    expect(await retourCommand(fixture('invalid/JW301-missing-mandatory-element.xml'), fixedBuilder())).toBe(
      1,
    );
    expect(stdout).toBe('');
    expect(stderr).toContain('Geen retourbericht');
    expect(stderr).toContain('StUF055');
    expect(stderr).toContain('xsd-invalid');
  });

  it('exits 1 for a retour message, which is not answered', async () => {
    expect(await retourCommand(fixture('ijw-3.2/valid/JW316.xml'), fixedBuilder())).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/JW316\.xml: Geen retourbericht: op dit bericht bestaat geen retourbericht/);
  });

  it('exits 1 for input that is no message at all', async () => {
    expect(await retourCommand(fixture('invalid/not-xml.xml'))).toBe(1);
    expect(stderr).toContain('unreadable');
  });
});

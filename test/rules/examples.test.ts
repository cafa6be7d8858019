/**
 * The rules on the official example messages, read through the project's own parser and XML -> JSON
 * converter. The official XSLT 2.10.5 passes all of them except WMO317, whose NieuwProduct starts on the
 * Dagtekening (TR380) (FACTS §12); the engine must agree, location included.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/rules/engine.js';
import { packs } from '../../src/standard/packs.js';
import { identify } from '../../src/xml/identify.js';
import { safeParse } from '../../src/xml/safe-parse.js';
import { toJson } from '../../src/xml/to-json.js';

const SHARED = fileURLToPath(new URL('../../../shared/istandaard/', import.meta.url));
const FOLDERS = ['iwmo-3.2/examples', 'ijw-3.2/examples'];

const EXPECTED: Readonly<Record<string, Record<string, string[]>>> = {
  'WMO317.xml': {
    TR380: [
      '/Bericht/Header/BerichtIdentificatie/Dagtekening',
      '/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[1]/GewensteIngangsdatum',
    ],
  },
};

function findings(file: string): Record<string, readonly string[]> {
  const bytes = readFileSync(file);
  const doc = safeParse(bytes);
  try {
    const message = identify(doc);
    if (message === undefined) throw new Error(`${file}: not an iWmo/iJw 3.2 message`);
    const json = toJson(bytes, message, packs[message.standard]);
    const ctx = {
      standard: message.standard,
      number: message.number,
      messageName: message.name,
      bericht: json.Bericht,
    };
    return Object.fromEntries(runRules(ctx).map((f) => [f.code, f.locations]));
  } finally {
    doc.dispose();
  }
}

describe.runIf(existsSync(SHARED))('the official examples', () => {
  // JW318.xml is not schema-valid as uploaded (FACTS §12); it is a retour, which has no level-2 rules anyway.
  const files = FOLDERS.flatMap((folder) =>
    readdirSync(`${SHARED}${folder}`)
      .filter((name) => name.endsWith('.xml') && name !== 'JW318.xml')
      .map((name) => [name, `${SHARED}${folder}/${name}`] as const),
  );

  it.each(files)('%s gives the official verdict', (name, file) => {
    expect(findings(file)).toEqual(EXPECTED[name] ?? {});
  });
});

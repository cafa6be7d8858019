import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/routing/api-keys.js';
import { createRouter } from '../../src/routing/router.js';
import {
  DEMO_ROUTES_FILE,
  loadRoutingTable,
  RoutingTableError,
  type Destination,
} from '../../src/routing/table.js';
import { STANDARDS } from '../../src/standard/model.js';
import { AANBIEDER, aanbiederSide, GEMEENTE, gemeenteSide, parse, problems } from './tables.js';

type Json = Record<string, unknown> & {
  parties: Record<string, unknown>[];
  partners: Record<string, unknown>[];
};
const gemeente = (): Json => gemeenteSide() as Json;

describe('parseRoutingTable: a good table', () => {
  it('resolves "all" to what the party receives and freezes the result', () => {
    const table = parse(gemeenteSide());
    expect(table.parties[0]?.backOffice[0]?.messages).toEqual([
      '302',
      '305',
      '307',
      '315',
      '317',
      '320',
      '323',
    ]);
    expect(table.partners[0]?.standards).toEqual(['iwmo', 'ijw']);
    expect(Object.isFrozen(table.parties[0]?.backOffice[0]?.messages)).toBe(true);
    expect(Object.isFrozen(table.partners[0]?.channel)).toBe(true);
    // The default standards are a copy: freezing the table must not freeze the model's own list.
    expect(Object.isFrozen(STANDARDS)).toBe(false);
  });

  it('accepts _comment anywhere', () => {
    const json = gemeente();
    json._comment = 'top';
    json.parties[0]!._comment = 'party';
    expect(() => parse(json)).not.toThrow();
  });

  it('resolves a secret from the environment and never prints it', () => {
    const json = aanbiederSide() as Json;
    json.parties[0]!.backOffice = [
      {
        kind: 'webhook',
        url: 'https://regie.example/in',
        messages: 'all',
        secret: { header: 'X-Webhook-Secret', value: '${WEBHOOK_SECRET_87654321}' },
        timeoutMs: 2000,
      },
    ];
    const table = parse(json, { WEBHOOK_SECRET_87654321: 's3cr3t-value' });
    const destination = table.parties[0]?.backOffice[0]?.destination as Extract<
      Destination,
      { kind: 'webhook' }
    >;
    expect(destination.timeoutMs).toBe(2000);
    expect(destination.secret?.header).toBe('X-Webhook-Secret');
    expect(destination.secret?.value.reveal()).toBe('s3cr3t-value');
    for (const printed of [
      JSON.stringify(table),
      inspect(table, { depth: 10 }),
      String(destination.secret?.value),
    ]) {
      expect(printed).not.toContain('s3cr3t-value');
    }
    expect(JSON.stringify(destination)).toContain('WEBHOOK_SECRET_87654321');
  });
});

describe('parseRoutingTable: errors name the JSON path and the fix', () => {
  it('lists every shape problem at once', () => {
    const json = gemeente();
    json.version = 2;
    json.partys = [];
    Object.assign(json.parties[0]!, { name: ' ', standards: ['wmo'] });
    json.parties[0]!.backOffice = [
      { kind: 'queue', name: 'Back Office', messages: ['305', '999'] },
      { kind: 'webhook', url: 'ftp://example.nl/x', messages: 'al' },
      { kind: 'kafka' },
    ];
    expect(problems(json)).toEqual([
      '$.version: version must be 1',
      '$.parties[0].name: name must not be empty',
      '$.parties[0].standards[0]: unknown standard "wmo"; use "iwmo" or "ijw"',
      '$.parties[0].backOffice[0].name: a queue name is lower-case letters and digits joined by . _ or -',
      '$.parties[0].backOffice[0].messages[1]: unknown message type "999"; use a number of release 3.2 ' +
        '(301, 302, 305, 306, 307, 308, 315, 316, 317, 318, 319, 320, 323, 325) as a string',
      '$.parties[0].backOffice[1].url: use http or https, not ftp:',
      '$.parties[0].backOffice[1].messages: write "all" or a list of message types, e.g. ["305", "307"]',
      '$.parties[0].backOffice[2].kind: kind must be "queue" or "webhook"',
      '$: unknown field "partys"; check the spelling, or use "_comment" for notes',
    ]);
  });

  it('says when a required field is missing', () => {
    const json = gemeente();
    delete json.parties[0]!.code;
    expect(problems(json)).toEqual([
      '$.parties[0].code: required: the party code as a string: "0363" or "87654321"',
    ]);
    expect(problems({})).toContain('$.version: version must be 1');
    expect(problems(null)).toEqual(['$: expected a routing table object']);
  });

  it('refuses inline secrets and credentials in URLs', () => {
    const json = gemeente();
    json.partners[0]!.channel = {
      kind: 'http',
      url: 'https://user:pw@partner.example/berichten',
      secret: { header: 'X-Secret', value: 'hunter2' },
    };
    expect(problems(json)).toEqual([
      '$.partners[0].channel.url: remove the credentials from the URL and use "secret" instead',
      '$.partners[0].channel.secret.value: secrets are never written in the routing file: ' +
        'write "${ENV_VAR_NAME}" (upper case) and set that environment variable',
    ]);
  });

  it('refuses an unset secret variable and a header the HTTP client owns', () => {
    const json = gemeente();
    json.partners[0]!.channel = {
      kind: 'http',
      url: 'https://partner.example/berichten',
      secret: { header: 'Content-Type', value: '${PARTNER_SECRET}' },
    };
    expect(problems(json)).toEqual([
      '$.partners[0].channel.secret.header: this header is set by the HTTP client itself; ' +
        'choose another, e.g. "X-Webhook-Secret"',
    ]);
    (json.partners[0]!.channel as Record<string, unknown>).secret = {
      header: 'X-S',
      value: '${PARTNER_SECRET}',
    };
    expect(problems(json, { PARTNER_SECRET: '' })).toEqual([
      '$.partners[0].channel.secret.value: environment variable PARTNER_SECRET is not set; set it, or remove "secret"',
    ]);
  });

  it('keeps ggk and vecozo channels for later', () => {
    const json = gemeente();
    json.partners[0]!.channel = { kind: 'vecozo', url: 'https://vsp.example' };
    expect(problems(json)).toEqual([
      '$.partners[0].channel.kind: channel kind "vecozo" is reserved for a later release; use "http" for now',
    ]);
  });

  it('refuses duplicate codes and codes that do not fit the kind', () => {
    const json = gemeente();
    json.parties.push({ ...json.parties[0]! });
    json.partners[0]!.code = '8765432';
    expect(problems(json)).toEqual([
      '$.parties[1].code: party 0363 is already declared at parties[0]',
      '$.partners[0].code: "8765432" is not an AGB code: 8 digits with leading zeros, e.g. "01234567"',
    ]);
    json.parties.pop();
    json.partners[0]!.code = AANBIEDER;
    json.parties[0]!.code = '363';
    expect(problems(json)).toEqual([
      '$.parties[0].code: "363" is not a CBS gemeentecode: 4 digits with leading zeros, e.g. "0363"',
    ]);
  });

  it('refuses message types the party never receives, and uncovered ones', () => {
    const json = gemeente();
    json.parties[0]!.backOffice = [
      { kind: 'queue', name: 'a', messages: ['301', '302', '305', '307', '315', '317', '320'] },
      { kind: 'queue', name: 'b', messages: ['323'], standards: ['iwmo'] },
    ];
    expect(problems(json)).toEqual([
      '$.parties[0].backOffice[0].messages[0]: gemeente 0363 never receives 301; ' +
        'a gemeente receives 302, 305, 307, 315, 317, 320, 323',
      '$.parties[0].backOffice: no destination for ijw 323 received by 0363; ' +
        'add them to a destination\'s "messages", or use "all"',
    ]);
  });

  it('refuses a destination standard the party does not use', () => {
    const json = gemeente();
    json.parties[0]!.standards = ['iwmo'];
    json.parties[0]!.backOffice = [{ kind: 'queue', name: 'a', messages: 'all', standards: ['ijw', 'iwmo'] }];
    expect(problems(json)).toEqual([
      '$.parties[0].backOffice[0].standards[0]: ijw is not among the standards of party 0363; add it there first',
    ]);
  });

  it('checks API keys: one grant, hashes not keys, known codes, no duplicates', () => {
    const hash = 'a'.repeat(64);
    const json = gemeente();
    json.apiKeys = [
      { label: 'both', sha256: hash, party: GEMEENTE, role: 'operator' },
      { label: 'plain', sha256: 'bp_not-a-hash', role: 'operator' },
      { label: 'admin', sha256: hash, role: 'admin' },
    ];
    expect(problems(json)).toEqual([
      '$.apiKeys[0]: give exactly one of "party": "<code>", "partner": "<code>" or "role": "operator"',
      '$.apiKeys[1].sha256: sha256 must be 64 lower-case hex characters: the hash of the key (hashApiKey), never the key',
      '$.apiKeys[2].role: the only role is "operator"',
    ]);
    json.apiKeys = [
      { label: 'x', sha256: hash, party: '0599' },
      { label: 'x', sha256: hash, partner: '11112222' },
    ];
    expect(problems(json)).toEqual([
      '$.apiKeys[0].party: no party with code "0599" in "parties"',
      '$.apiKeys[1].sha256: the same key as apiKeys[0]; generate a new key for each holder',
      '$.apiKeys[1].label: the same label as apiKeys[0]; labels must be unique',
      '$.apiKeys[1].partner: no partner with code "11112222" in "partners"',
    ]);
  });

  it('throws a RoutingTableError whose message lists the problems', () => {
    expect(() => parse({ version: 1, parties: [] })).toThrow(RoutingTableError);
    expect(() => parse({ version: 1, parties: [] })).toThrow(
      /Invalid routing table \(routing table\):\n {2}- \$\.parties: name at least one party/,
    );
  });
});

describe('loadRoutingTable', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'routes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file when it is missing or not JSON', async () => {
    const missing = path.join(dir, 'missing.json');
    await expect(loadRoutingTable(missing)).rejects.toThrow(`Invalid routing table (${missing})`);
    await expect(loadRoutingTable(missing)).rejects.toThrow(
      /cannot read the file \(ENOENT\); check ROUTES_FILE/,
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{ "version": 1, }');
    await expect(loadRoutingTable(broken)).rejects.toThrow(/not valid JSON/);
  });

  it('reads a file and names it in shape errors', async () => {
    const file = path.join(dir, 'routes.json');
    await writeFile(file, JSON.stringify({ ...gemeente(), version: 3 }));
    await expect(loadRoutingTable(file)).rejects.toThrow(`(${file}):\n  - $.version: version must be 1`);
  });

  it('loads the demo table: gemeente 0363, partner simulator, three demo keys', async () => {
    const table = await loadRoutingTable(DEMO_ROUTES_FILE, { env: {} });
    expect(table.parties.map((p) => [p.code, p.kind, p.standards])).toEqual([
      [GEMEENTE, 'gemeente', ['iwmo', 'ijw']],
    ]);
    expect(table.parties[0]?.backOffice[0]?.destination).toEqual({ kind: 'queue', name: 'backoffice.0363' });
    expect(table.partners[0]).toMatchObject({
      code: AANBIEDER,
      channel: { kind: 'http', url: 'http://127.0.0.1:8181/berichten' },
    });
    expect(authenticate(table, 'bp_demo_operator')).toEqual({ kind: 'operator', label: 'demo-operator' });
    expect(authenticate(table, 'bp_demo_0363')).toMatchObject({ kind: 'party', code: GEMEENTE });
    expect(authenticate(table, 'bp_demo_87654321')).toMatchObject({ kind: 'partner', code: AANBIEDER });
    const router = createRouter(table);
    expect(
      router.routeOutbound({ standard: 'ijw', number: '301', afzender: GEMEENTE, ontvanger: AANBIEDER }),
    ).toMatchObject({ kind: 'partner', endpoint: { url: 'http://127.0.0.1:8181/berichten' } });
  });
});

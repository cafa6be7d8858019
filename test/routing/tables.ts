/** Routing tables the routing tests share: one from each side of the berichtenverkeer. */
import { parseRoutingTable, type RoutingTable } from '../../src/routing/table.js';

export const GEMEENTE = '0363';
export const AANBIEDER = '87654321';

/** We are gemeente 0363; aanbieder 87654321 is our partner. */
export function gemeenteSide(overrides: Record<string, unknown> = {}): unknown {
  return {
    version: 1,
    parties: [
      {
        code: GEMEENTE,
        kind: 'gemeente',
        name: 'Gemeente Amsterdam',
        standards: ['iwmo', 'ijw'],
        backOffice: [{ kind: 'queue', name: 'backoffice.0363', messages: 'all' }],
      },
    ],
    partners: [
      {
        code: AANBIEDER,
        kind: 'aanbieder',
        name: 'Zorg BV',
        channel: { kind: 'http', url: 'http://127.0.0.1:8181/berichten' },
      },
    ],
    apiKeys: [],
    ...overrides,
  };
}

/** We are aanbieder 87654321; gemeente 0363 is our partner. */
export function aanbiederSide(overrides: Record<string, unknown> = {}): unknown {
  return {
    version: 1,
    parties: [
      {
        code: AANBIEDER,
        kind: 'aanbieder',
        name: 'Zorg BV',
        standards: ['iwmo', 'ijw'],
        backOffice: [{ kind: 'webhook', url: 'https://regie.zorgbv.example/in', messages: 'all' }],
      },
    ],
    partners: [
      {
        code: GEMEENTE,
        kind: 'gemeente',
        name: 'Gemeente Amsterdam',
        channel: { kind: 'http', url: 'https://gateway.amsterdam.example/berichten', maxAttempts: 7 },
      },
    ],
    ...overrides,
  };
}

export function parse(json: unknown, env: Record<string, string> = {}): RoutingTable {
  return parseRoutingTable(json, { env });
}

/** The problems a table is refused for, one line each (`$.path: message`). */
export function problems(json: unknown, env: Record<string, string> = {}): string[] {
  try {
    parseRoutingTable(json, { env });
  } catch (error) {
    const issues = (error as { issues?: string[] }).issues;
    if (issues) return issues;
    throw error;
  }
  throw new Error('expected the table to be refused');
}

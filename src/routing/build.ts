/**
 * From a file that has the right shape (schema.ts) to the routing table: the checks that need more than
 * one field (unique codes, codes that fit their kind, keys that name a known party, message types a party
 * can receive and a destination for each of them), and the resolution of "all" and of secrets. Every
 * problem is reported, not only the first, so one start-up shows the operator everything to fix.
 */
import type { PartyType, StandardId } from '../standard/model.js';
import { STANDARDS } from '../standard/model.js';
import type { Principal } from './access.js';
import { isPartyCode, messagesReceivedBy } from './catalogue.js';
import {
  ENV_REFERENCE,
  type RoutingFile,
  type RoutingFileDestination,
  type RoutingFileSecret,
} from './schema.js';
import { Secret } from './secret.js';
import type {
  ApiKeyEntry,
  BackOfficeRoute,
  Destination,
  HeaderSecret,
  Party,
  Partner,
  RoutingTable,
} from './types.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export type Report = (at: readonly PropertyKey[], message: string) => void;

export function buildTable(file: RoutingFile, env: Environment, report: Report): RoutingTable {
  const secret = (
    raw: RoutingFileSecret | undefined,
    at: readonly PropertyKey[],
  ): HeaderSecret | undefined => {
    if (!raw) return undefined;
    const name = ENV_REFERENCE.exec(raw.value)?.[1] ?? '';
    const value = env[name];
    if (value === undefined || value === '') {
      report([...at, 'value'], `environment variable ${name} is not set; set it, or remove "secret"`);
      return undefined;
    }
    return { header: raw.header, value: new Secret(value, name) };
  };

  checkUnique(file.parties, 'parties', 'party', report);
  checkUnique(file.partners, 'partners', 'partner', report);

  const parties = file.parties.map((p, i): Party => {
    checkCode(p.code, p.kind, ['parties', i, 'code'], report);
    return {
      code: p.code,
      kind: p.kind,
      name: p.name,
      standards: p.standards,
      backOffice: p.backOffice.map((d, j) =>
        backOfficeRoute(d, p.kind, p.code, p.standards, ['parties', i, 'backOffice', j], secret, report),
      ),
    };
  });
  parties.forEach((p, i) => checkCoverage(p, ['parties', i, 'backOffice'], report));

  const partners = file.partners.map((p, i): Partner => {
    checkCode(p.code, p.kind, ['partners', i, 'code'], report);
    const { kind, url, timeoutMs, maxAttempts } = p.channel;
    const channelSecret = secret(p.channel.secret, ['partners', i, 'channel', 'secret']);
    return {
      code: p.code,
      kind: p.kind,
      name: p.name,
      standards: p.standards ?? [...STANDARDS],
      channel: { kind, url, ...definedOnly({ timeoutMs, maxAttempts, secret: channelSecret }) },
    };
  });

  const apiKeys = buildApiKeys(file, parties, partners, report);
  return { parties, partners, apiKeys };
}

function backOfficeRoute(
  d: RoutingFileDestination,
  kind: PartyType,
  code: string,
  partyStandards: readonly StandardId[],
  at: readonly PropertyKey[],
  secret: (raw: RoutingFileSecret | undefined, at: readonly PropertyKey[]) => HeaderSecret | undefined,
  report: Report,
): BackOfficeRoute {
  const receivable = messagesReceivedBy(kind);
  if (d.messages !== 'all') {
    d.messages.forEach((n, k) => {
      if (!receivable.includes(n)) {
        report(
          [...at, 'messages', k],
          `${kind} ${code} never receives ${n}; ${kind === 'gemeente' ? 'a' : 'an'} ${kind} receives ${receivable.join(', ')}`,
        );
      }
    });
  }
  (d.standards ?? []).forEach((s, k) => {
    if (!partyStandards.includes(s)) {
      report([...at, 'standards', k], `${s} is not among the standards of party ${code}; add it there first`);
    }
  });
  const messages = d.messages === 'all' ? receivable : receivable.filter((n) => d.messages.includes(n));
  const standards = d.standards ?? partyStandards;
  const destination: Destination =
    d.kind === 'queue'
      ? { kind: 'queue', name: d.name }
      : {
          kind: 'webhook',
          url: d.url,
          ...definedOnly({
            timeoutMs: d.timeoutMs,
            maxAttempts: d.maxAttempts,
            secret: secret(d.secret, [...at, 'secret']),
          }),
        };
  return { destination, messages, standards };
}

/**
 * Every message a party can receive in each of its standards must have a destination: a message we accept
 * for a party and cannot hand to its back-office would be stuck. Better to refuse the file at start.
 */
function checkCoverage(party: Party, at: readonly PropertyKey[], report: Report): void {
  for (const standard of party.standards) {
    const missing = messagesReceivedBy(party.kind).filter(
      (n) => !party.backOffice.some((r) => r.standards.includes(standard) && r.messages.includes(n)),
    );
    if (missing.length > 0) {
      report(
        at,
        `no destination for ${standard} ${missing.join(', ')} received by ${party.code}; ` +
          'add them to a destination\'s "messages", or use "all"',
      );
    }
  }
}

function buildApiKeys(
  file: RoutingFile,
  parties: readonly Party[],
  partners: readonly Partner[],
  report: Report,
): ApiKeyEntry[] {
  const seenHashes = new Map<string, number>();
  const seenLabels = new Map<string, number>();
  return file.apiKeys.map((k, i): ApiKeyEntry => {
    const at = ['apiKeys', i];
    const earlierHash = seenHashes.get(k.sha256);
    if (earlierHash !== undefined) {
      report(
        [...at, 'sha256'],
        `the same key as apiKeys[${earlierHash}]; generate a new key for each holder`,
      );
    }
    seenHashes.set(k.sha256, i);
    const earlierLabel = seenLabels.get(k.label);
    if (earlierLabel !== undefined) {
      // The label names the actor in the audit trail; two holders with one label could not be told apart.
      report([...at, 'label'], `the same label as apiKeys[${earlierLabel}]; labels must be unique`);
    }
    seenLabels.set(k.label, i);

    let principal: Principal;
    if (k.party !== undefined) {
      if (!parties.some((p) => p.code === k.party)) {
        report([...at, 'party'], `no party with code ${JSON.stringify(k.party)} in "parties"`);
      }
      principal = { kind: 'party', code: k.party, label: k.label };
    } else if (k.partner !== undefined) {
      if (!partners.some((p) => p.code === k.partner)) {
        report([...at, 'partner'], `no partner with code ${JSON.stringify(k.partner)} in "partners"`);
      }
      principal = { kind: 'partner', code: k.partner, label: k.label };
    } else {
      principal = { kind: 'operator', label: k.label };
    }
    return { sha256: Buffer.from(k.sha256, 'hex'), principal };
  });
}

function checkUnique(
  list: readonly { code: string }[],
  key: 'parties' | 'partners',
  what: string,
  report: Report,
): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const earlier = seen.get(item.code);
    if (earlier !== undefined) {
      report([key, i, 'code'], `${what} ${item.code} is already declared at ${key}[${earlier}]`);
    }
    seen.set(item.code, i);
  });
}

function checkCode(code: string, kind: PartyType, at: readonly PropertyKey[], report: Report): void {
  if (isPartyCode(kind, code)) return;
  report(
    at,
    kind === 'gemeente'
      ? `${JSON.stringify(code)} is not a CBS gemeentecode: 4 digits with leading zeros, e.g. "0363"`
      : `${JSON.stringify(code)} is not an AGB code: 8 digits with leading zeros, e.g. "01234567"`,
  );
}

/** Leaves out undefined values, so optional fields are absent rather than present-and-undefined. */
function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

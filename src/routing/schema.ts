/**
 * The shape of the routing file (`ROUTES_FILE`), checked by zod field by field. Checks that need more than
 * one field (unique codes, keys that name a party, message types a party can receive) live in table.ts.
 * Messages are written for the operator who edits the file: what is wrong and what to write instead.
 */
import * as z from 'zod';
import type { MessageNumber } from '../standard/model.js';
import { MESSAGE_NUMBERS } from './catalogue.js';

/** Where zod's own message would say "expected string, received undefined". */
function expected(what: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? `required: ${what}` : `expected ${what}`) };
}

/** Every object in the file may carry a `_comment`; any other unknown field is a typo and an error. */
function entry<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject({ _comment: z.string().optional(), ...shape }, expected(what));
}

const text = (what: string) =>
  z
    .string(expected(what))
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** The transport's destination names (src/transport/port.ts), so a bad queue name fails here, at start. */
const QUEUE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client sets itself; a secret there would break the request instead of authenticating it. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
]);
/** `${NAME}`: the only way a secret may appear in the file. */
export const ENV_REFERENCE = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

const standard = z.enum(['iwmo', 'ijw'], {
  error: (issue) => `unknown standard ${JSON.stringify(issue.input)}; use "iwmo" or "ijw"`,
});

const standards = z
  .array(standard, expected('a list of standards, e.g. ["iwmo", "ijw"]'))
  .min(1, { error: 'name at least one standard: "iwmo" and/or "ijw"' })
  .refine((list) => new Set(list).size === list.length, { error: 'a standard is listed twice' });

const messageNumber = z.enum(MESSAGE_NUMBERS as [MessageNumber, ...MessageNumber[]], {
  error: (issue) =>
    `unknown message type ${JSON.stringify(issue.input)}; use a number of release 3.2 (${MESSAGE_NUMBERS.join(', ')}) as a string`,
});

const messageSelection = z.union(
  [
    z.literal('all'),
    z.array(messageNumber).min(1, { error: 'list at least one message type, or write "all"' }),
  ],
  { error: 'write "all" or a list of message types, e.g. ["305", "307"]' },
);

const httpUrl = z.string(expected('an http or https URL')).superRefine((value, ctx) => {
  const problem = urlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not a URL; write e.g. "https://backoffice.example.nl/berichten"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `use http or https, not ${url.protocol}`;
  // user:password@ would put a credential in the file; it belongs in `secret`, taken from the environment.
  if (url.username || url.password) return 'remove the credentials from the URL and use "secret" instead';
  if (url.hash) return 'remove the #fragment: it is never sent';
  return undefined;
}

const headerSecret = entry(
  {
    header: z
      .string(expected('the HTTP header name that carries the secret, e.g. "X-Webhook-Secret"'))
      .regex(HEADER_NAME, { error: 'not a valid HTTP header name' })
      .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), {
        error: 'this header is set by the HTTP client itself; choose another, e.g. "X-Webhook-Secret"',
      }),
    value: z.string(expected('a reference "${ENV_VAR}"')).regex(ENV_REFERENCE, {
      error:
        'secrets are never written in the routing file: write "${ENV_VAR_NAME}" (upper case) and set that environment variable',
    }),
  },
  'an object { "header": ..., "value": "${ENV_VAR}" }',
);

/** Per-endpoint delivery overrides; the gateway's defaults apply when absent. */
const deliveryOverrides = {
  timeoutMs: z
    .number(expected('a timeout in milliseconds'))
    .int({ error: 'timeoutMs must be a whole number of milliseconds' })
    .min(100, { error: 'timeoutMs must be at least 100' })
    .max(300_000, { error: 'timeoutMs must be at most 300000 (5 minutes)' })
    .optional(),
  maxAttempts: z
    .number(expected('a number of attempts'))
    .int({ error: 'maxAttempts must be a whole number' })
    .min(1, { error: 'maxAttempts must be at least 1' })
    .max(100, { error: 'maxAttempts must be at most 100' })
    .optional(),
};

/** Which messages go to a destination: the numbers, optionally limited to some of the party's standards. */
const selection = { messages: messageSelection, standards: standards.optional() };

const destination = z.discriminatedUnion(
  'kind',
  [
    entry(
      {
        kind: z.literal('queue'),
        name: z
          .string(expected('a queue name, e.g. "backoffice.0363"'))
          .max(200, { error: 'a queue name has at most 200 characters' })
          .regex(QUEUE_NAME, { error: 'a queue name is lower-case letters and digits joined by . _ or -' }),
        ...selection,
      },
      'a queue destination',
    ),
    entry(
      {
        kind: z.literal('webhook'),
        url: httpUrl,
        secret: headerSecret.optional(),
        ...selection,
        ...deliveryOverrides,
      },
      'a webhook destination',
    ),
  ],
  { error: 'kind must be "queue" or "webhook"' },
);

const partyKind = z.enum(['gemeente', 'aanbieder'], {
  error: 'kind must be "gemeente" (CBS code, 4 digits) or "aanbieder" (AGB code, 8 digits)',
});
const partyCode = z.string(expected('the party code as a string: "0363" or "87654321"'));

const party = entry(
  {
    code: partyCode,
    kind: partyKind,
    name: text('name'),
    standards,
    backOffice: z
      .array(destination, expected('a list of back-office destinations'))
      .min(1, { error: 'a party needs at least one back-office destination for the messages it receives' }),
  },
  'a party object',
);

const CHANNEL_KINDS_LATER = new Set(['ggk', 'vecozo']);

const channel = entry(
  {
    kind: z.literal('http', {
      error: (issue) =>
        CHANNEL_KINDS_LATER.has(String(issue.input))
          ? `channel kind ${JSON.stringify(issue.input)} is reserved for a later release; use "http" for now`
          : 'channel kind must be "http"',
    }),
    url: httpUrl,
    secret: headerSecret.optional(),
    ...deliveryOverrides,
  },
  'a channel endpoint { "kind": "http", "url": ... }',
);

const partner = entry(
  {
    code: partyCode,
    kind: partyKind,
    name: text('name'),
    /** Absent: the partner may exchange both standards with us. */
    standards: standards.optional(),
    channel,
  },
  'a partner object',
);

const apiKey = entry(
  {
    label: text('label'),
    sha256: z.string(expected('the SHA-256 of the key, 64 hex characters')).regex(/^[0-9a-f]{64}$/, {
      error: 'sha256 must be 64 lower-case hex characters: the hash of the key (hashApiKey), never the key',
    }),
    party: partyCode.optional(),
    partner: partyCode.optional(),
    role: z.literal('operator', { error: 'the only role is "operator"' }).optional(),
  },
  'an API key object',
).superRefine((key, ctx) => {
  const grants = [key.party, key.partner, key.role].filter((g) => g !== undefined).length;
  if (grants !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'give exactly one of "party": "<code>", "partner": "<code>" or "role": "operator"',
    });
  }
});

export const routingFileSchema = entry(
  {
    version: z.literal(1, { error: 'version must be 1' }),
    parties: z
      .array(party, expected('a list of the parties this gateway represents'))
      .min(1, { error: 'name at least one party this gateway represents' }),
    partners: z.array(partner, expected('a list of partners')).default([]),
    apiKeys: z.array(apiKey, expected('a list of API keys')).default([]),
  },
  'a routing table object',
);

export type RoutingFile = z.infer<typeof routingFileSchema>;
export type RoutingFileParty = RoutingFile['parties'][number];
export type RoutingFileDestination = RoutingFileParty['backOffice'][number];
export type RoutingFileSecret = z.infer<typeof headerSecret>;

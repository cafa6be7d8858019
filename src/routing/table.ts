/**
 * The routing table: the parties we represent, the partners we exchange with and the API keys, read once
 * at start from a JSON file (`ROUTES_FILE`), checked completely and frozen. A bad file stops the start with
 * one error that lists every problem by JSON path (`$.parties[0].code`) with what to write instead.
 *
 * Parties and partners are lists rather than objects keyed by code because JSON.parse silently keeps the
 * last of two equal keys; in a list a duplicate code is visible and refused.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as z from 'zod';
import { PROJECT_ROOT } from '../paths.js';
import { formatJsonPath } from '../xml/json-form.js';
import { buildTable, type Environment } from './build.js';
import { routingFileSchema } from './schema.js';
import { Secret } from './secret.js';
import type { RoutingTable } from './types.js';

export type * from './types.js';

/** The demo table `npm start` uses when `ROUTES_FILE` is not set. */
export const DEMO_ROUTES_FILE = path.join(PROJECT_ROOT, 'src', 'routing', 'routes.demo.json');

export class RoutingTableError extends Error {
  constructor(
    /** Where the table came from: a file path, or `routing table` for parsed JSON. */
    readonly source: string,
    /** One line per problem: `$.parties[0].code: ...`. */
    readonly issues: readonly string[],
  ) {
    super(`Invalid routing table (${source}):\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'RoutingTableError';
  }
}

export interface ParseOptions {
  /** Where `${VAR}` secret references are resolved; the caller passes process.env at start. */
  readonly env?: Environment;
  /** Named in the error message. */
  readonly source?: string;
}

/** Reads and parses the routing file at `file`; rejects with a RoutingTableError naming every problem. */
export async function loadRoutingTable(file: string, options: ParseOptions = {}): Promise<RoutingTable> {
  const source = options.source ?? file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new RoutingTableError(source, [`cannot read the file (${reason}); check ROUTES_FILE`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RoutingTableError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseRoutingTable(json, { ...options, source });
}

/** Checks a parsed JSON value and builds the frozen table; throws a RoutingTableError listing every problem. */
export function parseRoutingTable(json: unknown, options: ParseOptions = {}): RoutingTable {
  const source = options.source ?? 'routing table';
  const parsed = routingFileSchema.safeParse(json);
  if (!parsed.success) throw new RoutingTableError(source, formatIssues(parsed.error.issues));
  const issues: string[] = [];
  const table = buildTable(parsed.data, options.env ?? {}, (at, message) => {
    issues.push(`${formatJsonPath(at)}: ${message}`);
  });
  if (issues.length > 0) throw new RoutingTableError(source, issues);
  return deepFreeze(table);
}

/**
 * zod reports a failed union as one issue holding each branch's issues. The branch that got past the
 * type check (its issues point inside the value) is the one the author meant; report those. Otherwise the
 * union's own message says what the value may be.
 */
function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const meant = issue.errors.find((branch) => branch.some((i) => i.path.length > 0));
      if (meant) return formatIssues(meant, at);
    }
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return [
        `${formatJsonPath(at)}: unknown field ${keys}; check the spelling, or use "_comment" for notes`,
      ];
    }
    return [`${formatJsonPath(at)}: ${issue.message}`];
  });
}

function deepFreeze<T>(value: T): T {
  // Buffers cannot be frozen, and a Secret guards its own value.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Secret) {
    return value;
  }
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * The two standard packs of release 3.2: basisschema types, code lists and all 14 messages per standard,
 * resolved from the standard-neutral message definitions in messages/ and the retour rule in retour.ts.
 */
import { basisComplexTypes, basisSimpleTypes } from './basis.js';
import { codeListsFor } from './codelists.js';
import type {
  ElementDecl,
  HeenMessageDef,
  MessageClass,
  MessageNumber,
  MessageSchema,
  Release,
  StandardId,
  StandardPack,
} from './model.js';
import { STANDARDS } from './model.js';
import { m301 } from './messages/m301.js';
import { m305 } from './messages/m305.js';
import { m307 } from './messages/m307.js';
import { m315 } from './messages/m315.js';
import { m317 } from './messages/m317.js';
import { m319 } from './messages/m319.js';
import { m323 } from './messages/m323.js';
import { m325 } from './messages/m325.js';
import { deriveRetour } from './retour.js';

const RELEASE_3_2: Release = { versie: 3, subversie: 2, namespaceTag: '3_2', label: '3.2' };

/** The heen messages and the 325, in message-number order; retours are derived from them. */
const HEEN_MESSAGES: readonly HeenMessageDef[] = [m301, m305, m307, m315, m317, m319, m323, m325];

/** `WMO` / `JW`: the prefix of message names, and (lower case) of message namespaces. */
const MESSAGE_PREFIX: Readonly<Record<StandardId, string>> = { iwmo: 'WMO', ijw: 'JW' };

function basisNamespace(standard: StandardId, release: Release): string {
  return `http://www.istandaarden.nl/${standard}/${release.namespaceTag}/basisschema/schema`;
}

function messageNamespace(standard: StandardId, release: Release, number: MessageNumber): string {
  const prefix = MESSAGE_PREFIX[standard].toLowerCase();
  return `http://www.istandaarden.nl/${standard}/${release.namespaceTag}/${prefix}${number}/schema`;
}

/** Drops the other standard's elements and turns per-standard patterns into the one for `standard`. */
function resolveElements(elements: readonly ElementDecl[], standard: StandardId): ElementDecl[] {
  return elements
    .filter((e) => e.only === undefined || e.only === standard)
    .map((e) =>
      typeof e.fixedPattern === 'function' ? { ...e, fixedPattern: e.fixedPattern(standard) } : e,
    );
}

/**
 * Resolves the classes for one standard and keeps only those reachable from the root, so that an
 * iJw-only class (Woonplaatsbeginsel) does not linger as an unused type in the iWmo schemas.
 */
function resolveClasses(
  root: MessageClass,
  classes: Readonly<Record<string, MessageClass>>,
  standard: StandardId,
): Record<string, MessageClass> {
  const resolved: Record<string, MessageClass> = {};
  const visit = (cls: MessageClass): void => {
    for (const e of cls.elements) {
      const child = classes[e.type];
      if (!child || resolved[e.type]) continue;
      resolved[e.type] = { ...child, elements: resolveElements(child.elements, standard) };
      visit(resolved[e.type] as MessageClass);
    }
  };
  visit(root);
  // Keep the definition order of the source (Header first), not the order of discovery.
  return Object.fromEntries(Object.keys(classes).flatMap((k) => (resolved[k] ? [[k, resolved[k]]] : [])));
}

interface MessageParts {
  readonly number: MessageNumber;
  readonly heen?: MessageNumber;
  readonly berichtCode: string;
  readonly title: string;
  readonly documentation: string;
  readonly body: ElementDecl;
  readonly classes: Readonly<Record<string, MessageClass>>;
}

function buildMessage(standard: StandardId, release: Release, parts: MessageParts): MessageSchema {
  const root: MessageClass = {
    kind: 'class',
    name: 'Root',
    elements: [{ name: 'Header', type: 'Header' }, parts.body],
  };
  return {
    standard,
    number: parts.number,
    name: `${MESSAGE_PREFIX[standard]}${parts.number}`,
    berichtCode: parts.berichtCode,
    namespace: messageNamespace(standard, release, parts.number),
    basisNamespace: basisNamespace(standard, release),
    isRetour: parts.heen !== undefined,
    ...(parts.heen !== undefined ? { heen: parts.heen } : {}),
    title: parts.title,
    documentation: parts.documentation,
    root,
    classes: resolveClasses(root, parts.classes, standard),
  };
}

function buildPack(standard: StandardId): StandardPack {
  const release = RELEASE_3_2;
  const messages: Record<string, MessageSchema> = {};
  const add = (message: MessageSchema): void => {
    messages[message.name] = message;
  };
  for (const heen of HEEN_MESSAGES) {
    add(buildMessage(standard, release, { ...heen, berichtCode: heen.berichtCode[standard] }));
    if (heen.retour) add(buildMessage(standard, release, deriveRetour(heen, standard)));
  }
  return {
    standard,
    release,
    basisNamespace: basisNamespace(standard, release),
    // The iJw XSDs we have carry 0.1.0 in their appinfo, a pre-release leftover (FACTS §9); the iWmo set and
    // the iJw example messages say 1.0.0. We emit 1.0.0 for both, so XsdVersie/XsdVersieRetour in the
    // messages we build (IV034) name the released schema version rather than the concept one.
    xsdVersie: { basisschema: '1.0.0', bericht: '1.0.0' },
    simpleTypes: basisSimpleTypes(standard),
    complexTypes: basisComplexTypes(standard),
    codeLists: codeListsFor(standard),
    messages,
  };
}

export const packs: Readonly<Record<StandardId, StandardPack>> = {
  iwmo: buildPack('iwmo'),
  ijw: buildPack('ijw'),
};

/** Every message of every standard: 28 for release 3.2. */
export function allMessages(): MessageSchema[] {
  return STANDARDS.flatMap((standard) => Object.values(packs[standard].messages));
}

const byNamespace = new Map(allMessages().map((m) => [m.namespace, m]));
const byName = new Map(allMessages().map((m) => [m.name, m]));

/** The message whose root `Bericht` lives in namespace `ns`: how an incoming document is recognised. */
export function findMessageByNamespace(ns: string): MessageSchema | undefined {
  return byNamespace.get(ns);
}

/** A message by its name, e.g. `JW301` or `WMO325`. */
export function findMessage(name: string): MessageSchema | undefined {
  return byName.get(name);
}

/**
 * The vocabulary in which the iWmo 3.2 and iJw 3.2 standards are described as data.
 *
 * Everything else that knows the structure of a message (the XSD generator, the XML <-> JSON mapping,
 * the zod schemas of the JSON API, the rule engine) is derived from values of these types, so a new
 * release is a new set of values, not new code. Each node carries a `kind` so processors can switch on it.
 */

/** The two iStandaarden this gateway speaks. */
export type StandardId = 'iwmo' | 'ijw';

export const STANDARDS: readonly StandardId[] = ['iwmo', 'ijw'];

/** A release of a standard, as carried in BerichtVersie/BerichtSubversie. */
export interface Release {
  readonly versie: number;
  readonly subversie: number;
  /** The form used in namespaces: `3_2`. */
  readonly namespaceTag: string;
  /** The form used in reports: `3.2`. */
  readonly label: string;
}

/** The XSD built-in a simple type restricts. */
export type XsdBase = 'string' | 'integer' | 'date' | 'time';

/** How a simple value is carried in the canonical JSON form. */
export type JsonKind = 'string' | 'integer';

/**
 * A simple data type (the standard's LDT_ types): an XSD built-in with facets.
 * Identifiers and codes are strings so that leading zeros survive (BSN, AGB code, gemeentecode).
 */
export interface SimpleType {
  readonly kind: 'simple';
  readonly name: string;
  readonly base: XsdBase;
  /** XSD regular expressions; a value must match every one (as XSD facets on one restriction, ANDed). */
  readonly patterns?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  /** Name of a code list (see `CodeList`) whose codes are the only allowed values. */
  readonly codeList?: string;
  /** Dutch definition, used as xs:documentation. */
  readonly documentation?: string;
}

/**
 * One child element of a complex type. Order in the `elements` array is the XSD sequence order.
 * `type` names a simple type, a complex type of the basisschema, or a class of the message.
 */
export interface ElementDecl {
  readonly name: string;
  readonly type: string;
  /** minOccurs; default 1. */
  readonly min?: 0 | 1;
  /** maxOccurs; default 1. */
  readonly max?: 1 | 'unbounded';
  /** When present, the element exists only in this standard (JW315 GezagsdragerBekend, JW319 Woonplaatsbeginsel). */
  readonly only?: StandardId;
  /** Extra XSD patterns restricting the referenced simple type inline (e.g. the fixed BerichtCode). */
  readonly fixedPattern?: string | ((standard: StandardId) => string);
}

/** A complex data type of the basisschema (the standard's CDT_ types); children live in the basisschema namespace. */
export interface ComplexType {
  readonly kind: 'complex';
  readonly name: string;
  readonly elements: readonly ElementDecl[];
  readonly documentation?: string;
}

/**
 * A class of a message (Header, Client, ToegewezenProduct, ...); its children live in the message namespace.
 * `berichtklasse` marks the classes that carry their own RetourCodes in a retour message (FACTS §2.2);
 * wrappers such as ToegewezenProducten are not berichtklassen.
 */
export interface MessageClass {
  readonly kind: 'class';
  readonly name: string;
  readonly elements: readonly ElementDecl[];
  readonly berichtklasse?: boolean;
}

/** A code list: values are facts from the standard, with their Dutch meanings. */
export interface CodeList {
  readonly code: string;
  readonly name: string;
  readonly values: readonly CodeValue[];
}

export interface CodeValue {
  readonly code: string;
  readonly meaning: string;
}

/** The message numbers of release 3.2. */
export type MessageNumber =
  | '301'
  | '302'
  | '305'
  | '306'
  | '307'
  | '308'
  | '315'
  | '316'
  | '317'
  | '318'
  | '319'
  | '320'
  | '323'
  | '325';

/** Which party type sits in Afzender/Ontvanger of a message header. */
export type PartyType = 'gemeente' | 'aanbieder';

/**
 * A heen message (or the 325) described once for both standards; retour messages are derived from
 * their heen message by the rule of FACTS §2.2 (see `retour.ts`).
 */
export interface HeenMessageDef {
  readonly kind: 'heen';
  readonly number: MessageNumber;
  readonly title: string;
  readonly berichtCode: Readonly<Record<StandardId, string>>;
  readonly afzender: PartyType;
  readonly ontvanger: PartyType;
  /** The retour message answering this one, if any (323 and 325 have none). */
  readonly retour?: {
    readonly number: MessageNumber;
    readonly berichtCode: Readonly<Record<StandardId, string>>;
  };
  /** Root children after Header: the single body class element. */
  readonly body: ElementDecl;
  /** The classes of this message, keyed by class name. `Header` is included. */
  readonly classes: Readonly<Record<string, MessageClass>>;
  /** Documentation of the root. */
  readonly documentation: string;
}

/** A fully resolved message of one standard: what the XSD generator, the converter and the validator use. */
export interface MessageSchema {
  readonly standard: StandardId;
  readonly number: MessageNumber;
  /** `WMO301`, `JW301`. */
  readonly name: string;
  readonly berichtCode: string;
  readonly namespace: string;
  readonly basisNamespace: string;
  readonly isRetour: boolean;
  /** For a retour, the heen message it answers. */
  readonly heen?: MessageNumber;
  readonly title: string;
  readonly documentation: string;
  /** The root type: Header + body element. */
  readonly root: MessageClass;
  readonly classes: Readonly<Record<string, MessageClass>>;
}

/** Everything one standard release consists of. */
export interface StandardPack {
  readonly standard: StandardId;
  readonly release: Release;
  readonly basisNamespace: string;
  /** Versions written into appinfo and into XsdVersie/XsdVersieRetour of messages we build (IV034). */
  readonly xsdVersie: { readonly basisschema: string; readonly bericht: string };
  readonly simpleTypes: Readonly<Record<string, SimpleType>>;
  readonly complexTypes: Readonly<Record<string, ComplexType>>;
  readonly codeLists: Readonly<Record<string, CodeList>>;
  readonly messages: Readonly<Record<string, MessageSchema>>;
}

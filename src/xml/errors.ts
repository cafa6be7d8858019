/**
 * The closed vocabulary of reasons to refuse an XML document before (or while) parsing it. The code is
 * the stable contract (API bodies, audit, tests); the message is Dutch, names the limit that was hit and
 * says what to do. No message ever quotes document content: text values may be BSNs, and even element
 * names come from the sender. libxml2's own error objects are deliberately not attached as `cause`,
 * because their text does quote the document.
 */

export interface XmlRefusalInfo {
  /** What the code means, for docs and the API catalogue. */
  readonly description: string;
  /** The HTTP status an API answers with when it refuses a request body for this reason. */
  readonly httpStatus: number;
}

export const XML_REFUSALS = {
  XML_EMPTY: {
    description: 'Het bericht is leeg of bevat geen root-element.',
    httpStatus: 400,
  },
  XML_TOO_LARGE: {
    description:
      'Het bericht is groter dan de ingestelde limiet (de keten staat maximaal 25 MB toe, inclusief envelop).',
    httpStatus: 413,
  },
  XML_BOM_FORBIDDEN: {
    description: 'Het bericht begint met een byte order mark (BOM); de keten vereist UTF-8 zonder BOM.',
    httpStatus: 415,
  },
  XML_ENCODING_NOT_UTF8: {
    description:
      'Het bericht is niet in UTF-8 (UTF-16/32, een andere encoding in de XML-declaratie of ongeldige UTF-8-bytes); de keten vereist UTF-8 zonder BOM.',
    httpStatus: 415,
  },
  XML_DOCTYPE_FORBIDDEN: {
    description: 'Het bericht bevat een DOCTYPE of andere DTD-declaratie; die zijn niet toegestaan.',
    httpStatus: 400,
  },
  XML_ENTITY_FORBIDDEN: {
    description: 'Het bericht bevat een ENTITY-declaratie; die zijn niet toegestaan.',
    httpStatus: 400,
  },
  XML_XINCLUDE_FORBIDDEN: {
    description: 'Het bericht gebruikt de XInclude-namespace; XInclude is niet toegestaan.',
    httpStatus: 400,
  },
  XML_TOO_DEEP: {
    description: 'Het bericht is dieper genest dan de ingestelde limiet.',
    httpStatus: 400,
  },
  XML_TEXT_TOO_LONG: {
    description: 'Een tekst, tag, commentaar of processing instruction is langer dan de ingestelde limiet.',
    httpStatus: 400,
  },
  XML_NOT_WELL_FORMED: {
    description: 'Het bericht is geen well-formed XML.',
    httpStatus: 400,
  },
} as const satisfies Record<string, XmlRefusalInfo>;

export type XmlRefusalCode = keyof typeof XML_REFUSALS;

/** Where in the document the problem was found: 1-based line and column (column counted in characters). */
export interface XmlPosition {
  readonly line: number;
  readonly column: number;
}

export class XmlRefusal extends Error {
  override readonly name = 'XmlRefusal';
  readonly code: XmlRefusalCode;
  readonly httpStatus: number;
  readonly line?: number;
  readonly column?: number;

  constructor(code: XmlRefusalCode, message: string, position?: XmlPosition) {
    super(message);
    this.code = code;
    this.httpStatus = XML_REFUSALS[code].httpStatus;
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}

/** ` (regel 3, kolom 7)` when the position is known; empty otherwise. */
export function positionText(position?: XmlPosition): string {
  return position ? ` (regel ${position.line}, kolom ${position.column})` : '';
}

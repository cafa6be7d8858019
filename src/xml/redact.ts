/**
 * libxml2's XSD messages quote the offending value, and in this domain that value is often a BSN, a name
 * or a birth date. Messages are rebuilt from known shapes: the element and attribute names and whatever
 * comes from the schema (facet, pattern, enumeration, bounds, expected elements) are kept, the value is
 * replaced. A message of unknown shape keeps only the text before its first quote, so anything libxml2
 * may add in future is dropped rather than leaked.
 */

export const VALUE_PLACEHOLDER = '[waarde verwijderd]';

/**
 * An element or attribute name as libxml2 prints it, `{namespace}local` or `local`. Names are structure,
 * not values (they also make up the path); anything outside this shape is treated as unknown.
 */
const NAME = String.raw`(?:\{[^\s'{}]*\})?[^\s'{}]+`;
const SUBJECT = new RegExp(String.raw`^(Element '${NAME}'(?:, attribute '${NAME}')?): ([\s\S]*)$`);
const FACET = /^(\[facet '[A-Za-z]+'\] )([\s\S]*)$/;

/**
 * A body that quotes a document value: it starts with `prefix`, the value runs up to the LAST
 * `separator` (so a value containing quotes or libxml2's own words is swallowed whole), and what follows
 * is schema text that must match `tail` exactly. Located with lastIndexOf, not a backtracking regex, so
 * a crafted value cannot make redaction slow.
 */
interface ValueShape {
  readonly prefix: string;
  readonly separator: string;
  readonly tail: RegExp;
}

const shape = (prefix: string, separator: string, tail: RegExp): ValueShape => ({ prefix, separator, tail });
const EMPTY = /^$/;
const QUOTED_TO_END = /^[\s\S]*'\.$/;
const BOUND = /^[^']*'\)\.$/;

const VALUE_SHAPES: readonly ValueShape[] = [
  shape("The value '", "' is not accepted by the pattern '", QUOTED_TO_END),
  shape("The value '", "' is not an element of the set {", /^[\s\S]*\}\.$/),
  shape(
    "The value '",
    "' has a length of '",
    /^\d+'; this (?:differs from|exceeds|underruns) the allowed (?:maximum |minimum )?length of '\d+'\.$/,
  ),
  shape("The value '", "' is less than the minimum value allowed ('", BOUND),
  shape("The value '", "' is greater than the maximum value allowed ('", BOUND),
  shape("The value '", "' must be greater than '", /^[^']*'\.$/),
  shape("The value '", "' must be less than '", /^[^']*'\.$/),
  shape("The value '", "' has more digits than are allowed ('", BOUND),
  shape("The value '", "' has more fractional digits than are allowed ('", BOUND),
  shape("The value '", "' is not facet-valid.", EMPTY),
  shape("The value '", "' is not valid.", EMPTY),
  shape("'", "' is not a valid value of the ", /^(?:local )?(?:atomic|list|union) type(?: '[^']*')?\.$/),
  shape("The value '", "' does not match the fixed value constraint '", QUOTED_TO_END),
  shape("The actual value '", "' does not match the fixed value constraint '", QUOTED_TO_END),
  shape("The initial value '", "' does not match the fixed value constraint '", QUOTED_TO_END),
  shape("The QName value '", "' of the xsi:type attribute does not resolve to a type definition.", EMPTY),
  shape("The QName value '", "' does not resolve to a(n) ", /^[^']*\.$/),
  shape(
    "The type definition '",
    "', specified by xsi:type, is blocked or not validly derived from the type definition of the element declaration.",
    EMPTY,
  ),
  shape(
    "The value '",
    "' of simple type 'xs:QName' has no corresponding namespace declaration in scope",
    /^\.?$/,
  ),
  shape("The value '", "' of simple type 'xs:ID' is not a valid 'xs:NCName'", /^\.?$/),
  shape("Duplicate value '", "' of simple type 'xs:ID'", /^\.?$/),
  shape('Duplicate key-sequence ', ' in ', /^(?:unique|key) identity-constraint '[^']*'\.$/),
  shape('No match found for key-sequence ', " of keyref '", /^[^']*'\.$/),
  shape('More than one match found for key-sequence ', " of keyref '", /^[^']*'\.$/),
];

/**
 * libxml2 cuts messages at 64000 characters, which can cut the real separator off and leave a value's
 * own text looking like a tail. No legitimate message is anywhere near this long.
 */
const MAX_REDACTABLE_LENGTH = 16_384;

/** Bodies that quote nothing from the document: kept verbatim. Expected-lists are built from the schema. */
const KEEP_RULES: readonly RegExp[] = [
  /^This element is not expected\.(?: Expected is (?:one of )?\( [^']* \)\.)?$/,
  /^Missing child element\(s\)\. Expected is (?:one of )?\( [^']* \)\.$/,
  /^The content is not valid\. Expected is [^']*\.$/,
  /^No matching global declaration available for the validation root\.$/,
  /^Element content is not allowed, because the (?:type definition is simple|content type is empty|content type is a simple type definition)\.$/,
  /^Character content is not allowed, because the content type is empty\.$/,
  /^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/,
  /^Neither character nor element content is allowed,? because the element (?:is|was) 'nilled'\.$/,
  /^The element is not 'nillable'\.$/,
  /^The element cannot be 'nilled' because there is a fixed value constraint defined for it\.$/,
  /^The content must not contain element nodes since there is a fixed value constraint\.$/,
  /^The character content is not valid\.$/,
  /^The character content is not a valid value of the (?:local )?(?:atomic|list|union) type(?: '[^']*')?\.$/,
  /^The value is not facet-valid\.$/,
  /^The value has a length of '\d+'; this (?:differs from|exceeds|underruns) the allowed (?:maximum |minimum )?length of '\d+'\.$/,
  new RegExp(String.raw`^The attribute '${NAME}' is (?:not allowed|required but missing)\.$`),
];

/** libxml2's XSD message with every document value replaced by {@link VALUE_PLACEHOLDER}. */
export function redactSchemaMessage(raw: string): string {
  const message = raw.trim();
  const subject = SUBJECT.exec(message);
  if (!subject) return dropQuoted(message);
  const [, who, rest] = subject as unknown as [string, string, string];
  const facet = FACET.exec(rest);
  const prefix = facet ? facet[1]! : '';
  const body = facet ? facet[2]! : rest;
  return `${who}: ${prefix}${redactBody(body)}`;
}

function redactBody(body: string): string {
  if (body.length > MAX_REDACTABLE_LENGTH) return dropQuoted(body);
  if (KEEP_RULES.some((keep) => keep.test(body))) return body;
  for (const { prefix, separator, tail } of VALUE_SHAPES) {
    if (!body.startsWith(prefix)) continue;
    const at = body.lastIndexOf(separator);
    if (at < prefix.length) continue;
    const rest = body.slice(at + separator.length);
    if (!tail.test(rest)) continue;
    // The quotes around the value go with it: a placeholder must not look like a value.
    return `${prefix.replace(/'$/, '')}${VALUE_PLACEHOLDER}${separator.replace(/^'/, '')}${rest}`;
  }
  return dropQuoted(body);
}

/** Unknown shape: keep the words before the first quote, never what follows. */
function dropQuoted(text: string): string {
  const quote = text.indexOf("'");
  return quote === -1 ? text : `${text.slice(0, quote)}${VALUE_PLACEHOLDER}`;
}

/**
 * `/jw301:Bericht/jw301:Client/ijw:Naam[2]` → `/Bericht/Client/Naam[2]`: the local-name form of the
 * official validation report. Position predicates are kept; `*` steps (default namespace) are returned
 * as-is, see XsdValidatorCache for how those are resolved.
 */
export function localNamePath(xpath: string): string {
  return xpath.replace(/\/(@?)[^/[:@]*:/g, '/$1');
}

/**
 * Which message a parsed document is: the namespace of its root element `Bericht` names exactly one of the
 * 28 messages (FACTS §1). BerichtCode is not consulted: the namespace decides which schema applies, and the
 * XSD then checks the BerichtCode against it.
 */
import type { XmlDocument } from 'libxml2-wasm';
import type { MessageSchema } from '../standard/model.js';
import { findMessageByNamespace } from '../standard/packs.js';

/** The message of `doc`, or undefined when the root is not a `Bericht` of a known iWmo/iJw 3.2 namespace. */
export function identify(doc: XmlDocument): MessageSchema | undefined {
  const root = doc.root;
  if (root.name !== 'Bericht') return undefined;
  return findMessageByNamespace(root.namespaceUri);
}

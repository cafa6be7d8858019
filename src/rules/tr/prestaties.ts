/** Where the Prestaties of a 323 and a 325 live, in document order across all clients. */
import type { JsonElement } from '../types.js';
import { atRoot, descend, type Located } from '../walk.js';

export function declaratiePrestaties(bericht: JsonElement): Located[] {
  return descend(atRoot(bericht), 'Declaratie', 'Clienten', 'Client', 'Prestaties', 'Prestatie');
}

/** Each client's Prestaties element: the Prestatie classes below one are siblings. */
export function prestatieGroups(bericht: JsonElement, body: 'Declaratie' | 'DeclaratieAntwoord'): Located[] {
  return descend(atRoot(bericht), body, 'Clienten', 'Client', 'Prestaties');
}

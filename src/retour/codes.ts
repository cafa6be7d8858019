/** Reading RetourCodes back out of a retour message or 325 (the inbound side of the retour builder). */

/** Every RetourCode in the message, header first, in document order, without repeats. */
export function collectRetourCodes(bericht: unknown): string[] {
  const codes: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'RetourCodes') codes.push(...((value as { RetourCode?: string[] }).RetourCode ?? []));
        else walk(value);
      }
    }
  };
  walk(bericht);
  return [...new Set(codes)];
}

/** Signed amounts: a DebetCredit 'C' makes an amount negative (COD043: D debet, C credit). */
import type { JsonElement } from '../types.js';
import { int, text, type Located } from '../walk.js';

export function signed(amount: number, debetCredit: string | undefined): number {
  return debetCredit === 'C' ? -amount : amount;
}

/** Σ debit − Σ credit of the IngediendBedrag of the given Prestaties. */
export function netIngediend(prestaties: readonly Located[]): number {
  let total = 0;
  for (const { el } of prestaties) {
    const bedrag = int(el, 'IngediendBedrag', 'Bedrag') ?? 0;
    const dc = text(el, 'IngediendBedrag', 'DebetCredit');
    if (dc === 'D' || dc === 'C') total += signed(bedrag, dc);
  }
  return total;
}

/** A CDT_TotaalBedragMetDC as a signed number, or undefined when incomplete. */
export function signedTotaal(el: JsonElement, name: string): number | undefined {
  const bedrag = int(el, name, 'TotaalBedrag');
  return bedrag === undefined ? undefined : signed(bedrag, text(el, name, 'DebetCredit'));
}

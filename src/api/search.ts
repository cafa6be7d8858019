/**
 * `GET /api/v1/berichten/zoeken`: find messages the way an operator asks about them on the phone, by the
 * standard's own identifiers: a BerichtIdentificatie (`identificatie`, optionally `afzender`), or a
 * conversation key (`toewijzingNummer`, `referentieAanbieder` or `declaratieNummer`, with the `owner` whose
 * number space it is and the `standard`). Answers only what the caller may see, oldest first.
 */
import type { Request, Response } from 'express';
import type { Gateway } from '../gateway/open.js';
import type { ConversationKeyKind, Message } from '../ledger/port.js';
import { canSee } from '../routing/access.js';
import type { StandardId } from '../standard/model.js';
import { principalOf } from './auth.js';

const KEY_PARAMS: Readonly<Record<string, ConversationKeyKind>> = {
  toewijzingNummer: 'ToewijzingNummer',
  referentieAanbieder: 'ReferentieAanbieder',
  declaratieNummer: 'DeclaratieNummer',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

function badQuery(res: Response, message: string): void {
  res.status(400).json({ error: { code: 'BAD_QUERY', message } });
}

export function searchRoute(gateway: Gateway, view: (m: Message) => unknown) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = req.query;
    let found: readonly Message[];
    const identificatie = text(q.identificatie);
    const keyParam = Object.keys(KEY_PARAMS).find((p) => text(q[p]) !== undefined);
    if (identificatie) {
      const afzender = text(q.afzender);
      found = await gateway.ledger.findByBerichtIdentificatie({
        identificatie,
        ...(afzender ? { afzender } : {}),
      });
    } else if (keyParam) {
      const owner = text(q.owner);
      const standard = text(q.standard);
      if (!owner || (standard !== 'iwmo' && standard !== 'ijw')) {
        return badQuery(
          res,
          'Geef bij een conversatiesleutel ook owner (gemeente- of AGB-code) en standard (iwmo of ijw).',
        );
      }
      found = await gateway.ledger.findConversation({
        kind: KEY_PARAMS[keyParam]!,
        owner,
        standard: standard as StandardId,
        value: text(q[keyParam])!,
      });
    } else {
      return badQuery(
        res,
        'Zoek op identificatie, of op toewijzingNummer, referentieAanbieder of declaratieNummer met owner en standard.',
      );
    }
    const principal = principalOf(res);
    res.json({ items: found.filter((m) => canSee(principal, m)).map(view) });
  };
}

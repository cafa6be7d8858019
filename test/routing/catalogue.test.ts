import { describe, expect, it } from 'vitest';
import {
  addressOf,
  isMessageNumber,
  MESSAGE_NUMBERS,
  messageRole,
  messagesReceivedBy,
} from '../../src/routing/catalogue.js';
import type { MessageNumber } from '../../src/standard/model.js';

/**
 * FACTS §1, typed in by hand so the derivation from the model is checked against the source, not against
 * itself: who really sends each message to whom, and which party type the header names as Afzender.
 */
const FACTS: Record<MessageNumber, { sentBy: string; to: string; headerAfzender: string; retour: boolean }> =
  {
    '301': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'gemeente', retour: false },
    '302': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'gemeente', retour: true },
    '305': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'aanbieder', retour: false },
    '306': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'aanbieder', retour: true },
    '307': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'aanbieder', retour: false },
    '308': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'aanbieder', retour: true },
    '315': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'aanbieder', retour: false },
    '316': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'aanbieder', retour: true },
    '317': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'aanbieder', retour: false },
    '318': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'aanbieder', retour: true },
    '319': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'gemeente', retour: false },
    '320': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'gemeente', retour: true },
    '323': { sentBy: 'aanbieder', to: 'gemeente', headerAfzender: 'aanbieder', retour: false },
    '325': { sentBy: 'gemeente', to: 'aanbieder', headerAfzender: 'gemeente', retour: false },
  };

describe('message catalogue', () => {
  it('knows exactly the 14 message numbers of release 3.2', () => {
    expect(MESSAGE_NUMBERS).toEqual(Object.keys(FACTS));
    expect(isMessageNumber('301')).toBe(true);
    expect(isMessageNumber('324')).toBe(false);
    expect(isMessageNumber(301)).toBe(false);
  });

  it.each(Object.entries(FACTS))('%s: roles agree with FACTS §1', (number, facts) => {
    const role = messageRole(number as MessageNumber);
    expect(role).toMatchObject({
      isRetour: facts.retour,
      sender: facts.sentBy,
      receiver: facts.to,
      headerAfzender: facts.headerAfzender,
    });
  });

  it('lists what each party type receives', () => {
    expect(messagesReceivedBy('gemeente')).toEqual(['302', '305', '307', '315', '317', '320', '323']);
    expect(messagesReceivedBy('aanbieder')).toEqual(['301', '306', '308', '316', '318', '319', '325']);
  });
});

describe('addressOf: the retour rule', () => {
  it('reads a heen header as written', () => {
    const a = addressOf({ standard: 'ijw', number: '305', afzender: '87654321', ontvanger: '0363' });
    expect(a).toMatchObject({ sender: '87654321', receiver: '0363' });
  });

  it('reverses a retour header, which keeps the heen order (JW306: Afzender is the AGB code)', () => {
    const a = addressOf({ standard: 'ijw', number: '306', afzender: '87654321', ontvanger: '0363' });
    expect(a).toMatchObject({ sender: '0363', receiver: '87654321' });
  });

  it('treats 319, 323 and 325 as heen messages', () => {
    for (const number of ['319', '325'] as const) {
      expect(addressOf({ standard: 'iwmo', number, afzender: '0363', ontvanger: '87654321' })).toMatchObject({
        sender: '0363',
        receiver: '87654321',
      });
    }
    expect(
      addressOf({ standard: 'iwmo', number: '323', afzender: '87654321', ontvanger: '0363' }),
    ).toMatchObject({ sender: '87654321', receiver: '0363' });
  });

  it('accepts an isRetour flag that agrees and refuses one that does not (a bug upstream)', () => {
    const msg = { standard: 'iwmo', number: '302', afzender: '0363', ontvanger: '87654321' } as const;
    expect(addressOf({ ...msg, isRetour: true })).toMatchObject({ receiver: '0363' });
    expect(() => addressOf({ ...msg, isRetour: false })).toThrow(/302 is a retour/);
  });

  it('answers undefined for an unknown number', () => {
    const number = '999' as MessageNumber;
    expect(addressOf({ standard: 'iwmo', number, afzender: '0363', ontvanger: '87654321' })).toBeUndefined();
  });
});

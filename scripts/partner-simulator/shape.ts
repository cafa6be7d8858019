/**
 * Readers for the canonical JSON form of a message. The validator has checked the shape before any of these
 * run, so a mismatch is a simulator bug: it throws a SimulatorFailure whose text never quotes a value, as the
 * values are personal data.
 */
import type { JsonElement } from '../../src/xml/json-form.js';
import type { BerichtId } from './types.js';

/** An error with a code for the `problem` event and a flow's codes; its message carries no personal data. */
export class SimulatorFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function element(value: unknown): JsonElement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorFailure('UNEXPECTED_SHAPE', 'expected an element');
  }
  return value as JsonElement;
}

/** A repeated element: absent, one, or many all read as a list. */
export function list(value: unknown): JsonElement[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(element) : [element(value)];
}

export function stringOf(value: unknown): string {
  if (typeof value !== 'string') throw new SimulatorFailure('UNEXPECTED_SHAPE', 'expected a text value');
  return value;
}

export function pick(from: JsonElement, names: readonly string[]): JsonElement {
  const out: JsonElement = {};
  for (const name of names) {
    const value = from[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function berichtIdOf(header: JsonElement): BerichtId {
  const id = element(header.BerichtIdentificatie);
  return { identificatie: stringOf(id.Identificatie), dagtekening: stringOf(id.Dagtekening) };
}

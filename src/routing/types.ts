/**
 * The routing table as the gateway uses it: checked, resolved (`"all"` expanded, secrets read from the
 * environment) and frozen. The file format it comes from is schema.ts; the checks and resolution build.ts.
 */
import type { MessageNumber, PartyType, StandardId } from '../standard/model.js';
import type { Principal } from './access.js';
import type { Secret } from './secret.js';

export interface HeaderSecret {
  readonly header: string;
  readonly value: Secret;
}

/** Delivery settings an endpoint may override; absent means the gateway's default. */
export interface DeliveryOverrides {
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
}

/** A back-office destination: a transport queue (embedded or RabbitMQ) or an HTTP webhook. */
export type Destination =
  | { readonly kind: 'queue'; readonly name: string }
  | ({ readonly kind: 'webhook'; readonly url: string; readonly secret?: HeaderSecret } & DeliveryOverrides);

export interface BackOfficeRoute {
  readonly destination: Destination;
  /** Resolved: `"all"` becomes every message the party can receive. */
  readonly messages: readonly MessageNumber[];
  /** Resolved: absent becomes the party's standards. */
  readonly standards: readonly StandardId[];
}

export interface Party {
  readonly code: string;
  readonly kind: PartyType;
  readonly name: string;
  readonly standards: readonly StandardId[];
  readonly backOffice: readonly BackOfficeRoute[];
}

/** How we reach a partner. Only `http` exists yet; `ggk` and `vecozo` are reserved. */
export type ChannelEndpoint = {
  readonly kind: 'http';
  readonly url: string;
  readonly secret?: HeaderSecret;
} & DeliveryOverrides;

export interface Partner {
  readonly code: string;
  readonly kind: PartyType;
  readonly name: string;
  readonly standards: readonly StandardId[];
  readonly channel: ChannelEndpoint;
}

export interface ApiKeyEntry {
  /** SHA-256 of the key (32 bytes), decoded once here so authentication does no parsing. */
  readonly sha256: Buffer;
  readonly principal: Principal;
}

export interface RoutingTable {
  readonly parties: readonly Party[];
  readonly partners: readonly Partner[];
  readonly apiKeys: readonly ApiKeyEntry[];
}

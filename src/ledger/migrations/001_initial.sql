-- 001: the ledger's first schema. Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 17 in WASM): no
-- extensions, no engine-specific syntax. Ids are UUIDv7 made by the application (time-ordered, so the
-- primary key doubles as the paging order). Closed sets are CHECKed here as well as in TypeScript so that
-- no other writer can store a value the code does not know; `port.ts` is the source, a contract test keeps
-- both in step.

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  standard text CHECK (standard IN ('iwmo', 'ijw')),
  message_name text,
  bericht_code text,
  afzender text,
  ontvanger text,
  identificatie text,
  dagtekening date,
  identificatie_retour text,
  dagtekening_retour date,
  -- The idempotency key's parts (see idempotencyKeyOf): the party that sent the message and the
  -- Identificatie it vouches for (IdentificatieRetour for a retour). Null when identification was incomplete.
  sender text,
  sender_identificatie text,
  -- A copy that reused the key of an earlier message (TR056); it does not take the key.
  duplicate_of uuid REFERENCES messages (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0),
  state text NOT NULL CHECK (
    state IN (
      'received', 'unreadable', 'xsd-invalid', 'duplicate', 'rejected', 'accepted',
      'unroutable', 'routed', 'delivered', 'acknowledged', 'failed'
    )
  ),
  validation_report jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'duplicate') = (duplicate_of IS NOT NULL))
);

-- The idempotent receiver: one holder per key, enforced by the database so that two concurrent inserts
-- cannot both win. Rows with a NULL part are not constrained (NULLs are distinct).
CREATE UNIQUE INDEX messages_idempotency_key
  ON messages (sender, bericht_code, sender_identificatie)
  WHERE duplicate_of IS NULL;

CREATE INDEX messages_bericht_identificatie ON messages (identificatie, afzender);
CREATE INDEX messages_state ON messages (state, id);
CREATE INDEX messages_message_name ON messages (message_name, id);
CREATE INDEX messages_afzender ON messages (afzender, id);
CREATE INDEX messages_ontvanger ON messages (ontvanger, id);
CREATE INDEX messages_sha256 ON messages (sha256);

CREATE TABLE message_transitions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messages (id),
  from_state text,
  to_state text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL CHECK (actor <> ''),
  reason text,
  codes jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX message_transitions_message ON message_transitions (message_id, seq);

CREATE TABLE message_links (
  from_id uuid NOT NULL REFERENCES messages (id),
  to_id uuid NOT NULL REFERENCES messages (id),
  kind text NOT NULL CHECK (kind IN ('retour', 'answer', 'follow-up')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_id, to_id, kind),
  CHECK (from_id <> to_id)
);

CREATE INDEX message_links_to ON message_links (to_id);

-- The legal domain (standard) is copied from the message: ToewijzingNummer 12 of gemeente 0363 under the
-- Jeugdwet and under the Wmo are different conversations.
CREATE TABLE conversation_keys (
  message_id uuid NOT NULL REFERENCES messages (id),
  standard text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ToewijzingNummer', 'ReferentieAanbieder', 'DeclaratieNummer')),
  owner text NOT NULL CHECK (owner <> ''),
  value text NOT NULL CHECK (value <> ''),
  PRIMARY KEY (message_id, kind, owner, value)
);

CREATE INDEX conversation_keys_lookup ON conversation_keys (standard, kind, owner, value, message_id);

CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messages (id),
  destination text NOT NULL CHECK (destination <> ''),
  payload_ref text NOT NULL CHECK (payload_ref <> ''),
  headers jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

-- Claimers scan only what is pending, in due order.
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_message ON outbox (message_id, id);

-- A mirror of the archive's audit chain. `data` is json, not jsonb, so the text (and key order) comes
-- back exactly as appended.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  at timestamptz NOT NULL,
  type text NOT NULL,
  subject text NOT NULL,
  actor text NOT NULL,
  data json NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE INDEX audit_events_subject ON audit_events (subject, seq);

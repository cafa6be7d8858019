/**
 * Translation between the port's messages and AMQP properties. The transport's own bookkeeping travels in
 * `x-bp-*` headers, which callers cannot set (the whitelist only has `bp-*` names) and never see.
 */
import type { ConsumeMessage, Options } from 'amqplib';
import { isGatewayId, pickHeaders } from '../message.js';
import { safeCode, type FailureStep } from '../policy.js';
import type { DeadLetter, DeadLetterReason, Delivery, OutboundMessage, TransportHeaders } from '../port.js';
import { RETRY_DELAY_HEADER } from './topology.js';

const ATTEMPT_HEADER = 'x-bp-attempt';
const DEAD_CODE_HEADER = 'x-bp-dead-code';
const DEAD_ATTEMPTS_HEADER = 'x-bp-dead-attempts';
const APP_ID = 'berichtenpoort';

export function publishProperties(message: OutboundMessage, headers: TransportHeaders): Options.Publish {
  return {
    messageId: message.messageId,
    contentType: message.contentType,
    timestamp: Math.floor(Date.now() / 1000),
    appId: APP_ID,
    headers: { ...headers },
  };
}

/** The copy that goes to a retry queue: same id, body and headers, the next attempt number. */
export function retryProperties(
  msg: ConsumeMessage,
  step: Extract<FailureStep, { action: 'retry' }>,
): Options.Publish {
  return {
    ...carried(msg),
    headers: {
      ...pickHeaders(msg.properties.headers),
      [ATTEMPT_HEADER]: step.nextAttempt,
      [RETRY_DELAY_HEADER]: String(step.delayMs),
    },
  };
}

export function deadProperties(msg: ConsumeMessage, reason: DeadLetterReason): Options.Publish {
  return {
    ...carried(msg),
    headers: {
      ...pickHeaders(msg.properties.headers),
      [DEAD_CODE_HEADER]: reason.code,
      [DEAD_ATTEMPTS_HEADER]: reason.attempts,
    },
  };
}

function carried(msg: ConsumeMessage): Options.Publish {
  const { messageId, contentType, timestamp } = propertiesOf(msg);
  return {
    messageId: typeof messageId === 'string' ? messageId : undefined,
    contentType: typeof contentType === 'string' ? contentType : undefined,
    timestamp: typeof timestamp === 'number' ? timestamp : undefined,
    appId: APP_ID,
  };
}

/** Answers undefined for a message this gateway could not have published (no valid id). */
export function decodeDelivery(destination: string, msg: ConsumeMessage): Delivery | undefined {
  const { messageId, contentType, headers } = propertiesOf(msg);
  if (!isGatewayId(messageId)) return undefined;
  const raw = headers as Record<string, unknown> | undefined;
  return {
    destination,
    messageId,
    body: msg.content,
    headers: pickHeaders(raw),
    contentType: typeof contentType === 'string' ? contentType : undefined,
    attempt: positiveInt(raw?.[ATTEMPT_HEADER]) ?? 1,
    redelivered: msg.fields.redelivered,
  };
}

export function attemptOf(msg: ConsumeMessage): number {
  return positiveInt(msg.properties.headers?.[ATTEMPT_HEADER]) ?? 1;
}

/**
 * A dead letter either carries our reason (the consumer gave up) or was dead-lettered by the broker
 * itself (delivery limit reached: a handler that never returned); then the broker's reason is the code.
 */
export function decodeDeadLetter(msg: ConsumeMessage): DeadLetter {
  const { messageId, contentType, headers } = propertiesOf(msg);
  const raw = (headers ?? {}) as Record<string, unknown>;
  const brokerReason = safeCode(raw['x-first-death-reason'], 'unknown').toUpperCase();
  return {
    destination: msg.fields.routingKey,
    messageId: isGatewayId(messageId) ? messageId : '',
    body: msg.content,
    headers: pickHeaders(raw),
    contentType: typeof contentType === 'string' ? contentType : undefined,
    reason: {
      code: safeCode(raw[DEAD_CODE_HEADER], brokerReason),
      attempts: positiveInt(raw[DEAD_ATTEMPTS_HEADER]) ?? positiveInt(raw[ATTEMPT_HEADER]) ?? 1,
    },
    redelivered: msg.fields.redelivered,
  };
}

/** amqplib types every property as `any`; read them as `unknown` so each use is checked. */
function propertiesOf(msg: ConsumeMessage): Readonly<Record<string, unknown>> {
  return msg.properties as unknown as Readonly<Record<string, unknown>>;
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

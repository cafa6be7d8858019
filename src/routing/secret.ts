/**
 * A secret read from the environment at start-up. It prints as `[redacted]` everywhere (String, JSON,
 * util.inspect, winston), so logging a routing table or a destination cannot leak it; the one place that
 * needs the value (the HTTP call) asks for it with `reveal()`.
 */
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(
    value: string,
    /** The environment variable it came from: safe to show, and what an operator needs to fix it. */
    readonly envVar: string,
  ) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return `${REDACTED} (\${${this.envVar}})`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

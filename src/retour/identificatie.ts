/**
 * IdentificatieRetour (and the BerichtIdentificatie of a 325): 1–12 characters, unique per sender (VECOZO
 * BRS20 refuses a repeat; TR056 for the 325). The default generator makes time-ordered base36 ids, so
 * they sort by creation time in logs and stores, and need no counter kept across restarts:
 *
 *   8 chars  milliseconds since 1970, zero-padded (36^8 ms reaches into 2059)
 *   4 chars  random start (36^4 = 1,679,616 values), incremented for each further id in the same ms
 *
 * Collision odds. One generator never repeats itself: its ids strictly increase (a clock that steps back
 * is ignored; when a millisecond's 4 chars run out it borrows the next millisecond). Several independent
 * generators answering for the same sender (e.g. two gateway processes) collide only when both issue an
 * id in the same millisecond and their tails meet: about 1 in 1.7 million per such pair of ids. Two
 * processes issuing 100,000 retours a day each, spread over the day, produce roughly 120 same-millisecond
 * pairs a day, i.e. one collision in about 40 years. Bursts raise the odds proportionally; a deployment
 * with many parallel writers for one sender should inject a generator backed by a shared sequence.
 */
import { randomInt } from 'node:crypto';

export type IdentificatieGenerator = () => string;

const TIME_CHARS = 8;
const RANDOM_CHARS = 4;
const TIME_LIMIT = 36 ** TIME_CHARS;
const RANDOM_SPACE = 36 ** RANDOM_CHARS;

export interface IdentificatieGeneratorOptions {
  /** Milliseconds since 1970 (default Date.now); injectable for tests. */
  readonly now?: () => number;
  /** A uniform integer in [0, max) (default crypto.randomInt). */
  readonly random?: (max: number) => number;
}

export function createIdentificatieGenerator(
  options: IdentificatieGeneratorOptions = {},
): IdentificatieGenerator {
  const now = options.now ?? Date.now;
  const random = options.random ?? randomInt;
  let lastTime = -1;
  let lastRandom = 0;
  return () => {
    // Never behind the previous id, so ids stay ordered even when the system clock is set back.
    let time = Math.max(Math.floor(now()), lastTime);
    let tail: number;
    if (time === lastTime) {
      tail = lastRandom + 1;
      if (tail >= RANDOM_SPACE) {
        time += 1;
        tail = random(RANDOM_SPACE);
      }
    } else {
      tail = random(RANDOM_SPACE);
    }
    if (time < 0 || time >= TIME_LIMIT)
      throw new RangeError('clock outside the range of IdentificatieRetour');
    lastTime = time;
    lastRandom = tail;
    return time.toString(36).padStart(TIME_CHARS, '0') + tail.toString(36).padStart(RANDOM_CHARS, '0');
  };
}

/**
 * A bound on the setup that runs after every (re)connect. amqplib's recovery awaits `setup` without a
 * limit, and a broker can leave a call unanswered on a connection whose heartbeats still flow: RabbitMQ
 * 3.10 answers no `basic.consume` on a quorum queue that has no leader, and after an unclean stop a queue
 * declared just before it can stay leaderless for good (its Ra server lost its name registration, so the
 * node starts an empty one that never calls an election). Past the bound the connection is dropped and
 * recovery retries with backoff, with `lastErrorCode` SETUP_TIMEOUT telling an operator why.
 */
import type { Duplex } from 'node:stream';
import type { ChannelModel } from 'amqplib';

const SETUP_TIMEOUT = 'SETUP_TIMEOUT';

/** Answers what `work` answers, or destroys the connection and rejects with code SETUP_TIMEOUT after `ms`. */
export async function withinSetupTimeout<T>(
  connection: ChannelModel,
  work: Promise<T>,
  ms: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof SETUP_TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(SETUP_TIMEOUT), ms);
  });
  const first = await Promise.race([work, expired]).finally(() => clearTimeout(timer));
  if (first !== SETUP_TIMEOUT) return first;
  const error = Object.assign(new Error(`Connection setup took longer than ${ms} ms.`), {
    code: SETUP_TIMEOUT,
  });
  await destroy(connection, error);
  throw error;
}

/**
 * Ends the connection without the AMQP close handshake, before the throw. Recovery closes a connection
 * whose setup failed, and amqplib's `close()` waits without a limit for a close-ok, which the broker sends
 * only once every channel has ended, i.e. never while one waits on a leaderless queue (nor does a socket
 * that dies during that wait settle it). A destroyed socket makes amqplib close the connection and its
 * channels at once, their pending calls rejecting, and a later `close()` fail at once. amqplib has no
 * public way to do that, so this reaches for its socket (`connection.stream`).
 */
function destroy(connection: ChannelModel, reason: Error): Promise<void> {
  const socket = (connection.connection as unknown as { stream: Duplex }).stream;
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy(reason);
  });
}

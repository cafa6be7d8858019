/**
 * A TCP proxy in front of a broker, for tests: it passes AMQP through both ways but can make a consume
 * stall the way RabbitMQ 3.10 stalls one on a quorum queue without a leader: the `basic.consume-ok` never
 * comes, the connection stays alive (heartbeats flow), and a `connection.close` gets no close-ok, since the
 * broker answers it only after every channel has ended.
 */
import net from 'node:net';

export interface AmqpProxy {
  /** The broker's URL with the proxy's port. */
  readonly url: string;
  /** Consumes stalled so far. */
  readonly stalled: number;
  /** Stalls the next `count` consumes, on whichever connection they come. */
  stallConsumes(count: number): void;
  /** Ends every proxied connection abruptly, as a network failure would. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** AMQP 0-9-1 frame: type (1 byte), channel (2), payload size (4), payload, frame-end (1). */
const HEADER = 7;
const METHOD_FRAME = 1;
const CONSUME_OK = { classId: 60, methodId: 21 };
const CLOSE_OK = { classId: 10, methodId: 51 };

function isMethod(frame: Buffer, method: { classId: number; methodId: number }): boolean {
  return (
    frame[0] === METHOD_FRAME &&
    frame.readUInt16BE(HEADER) === method.classId &&
    frame.readUInt16BE(HEADER + 2) === method.methodId
  );
}

export async function startAmqpProxy(brokerUrl: string): Promise<AmqpProxy> {
  const target = new URL(brokerUrl);
  const sockets = new Set<net.Socket>();
  let toStall = 0;
  let stalled = 0;

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5672), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    // The broker speaks in whole frames from its first byte; look at each before passing it on.
    let pending = Buffer.alloc(0);
    let stuck = false;
    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= HEADER) {
        const end = HEADER + pending.readUInt32BE(3) + 1;
        if (pending.length < end) break;
        const frame = pending.subarray(0, end);
        pending = pending.subarray(end);
        if (toStall > 0 && isMethod(frame, CONSUME_OK)) {
          toStall -= 1;
          stalled += 1;
          stuck = true;
        } else if (!(stuck && isMethod(frame, CLOSE_OK))) {
          client.write(frame);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(brokerUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);

  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: url.toString(),
    get stalled() {
      return stalled;
    },
    stallConsumes(count) {
      toStall += count;
    },
    dropConnections,
    close() {
      dropConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One client connection through the link: waits for the link if it is cut, connects upstream,
 * then runs one pipe each way. An error on either socket resets the other, as a broken path
 * does; a clean close (both FINs exchanged) ends it quietly.
 */
import { connect, type Socket } from 'node:net';
import { DirectionPipe } from './direction-pipe.ts';
import type { LinkConditions } from './link-conditions.ts';
import type { LiveRouteCounters } from './route-counters.ts';
import type { HostPort } from './wan-route.ts';

export interface ProxiedConnectionOptions {
  readonly client: Socket;
  readonly upstream: HostPort;
  readonly link: LinkConditions;
  readonly counters: LiveRouteCounters;
  readonly maxHeldBytes: number;
  /** Called once, when both sockets are closed. */
  readonly onFinished: (connection: ProxiedConnection) => void;
}

export class ProxiedConnection {
  private upstreamSocket: Socket | undefined;
  private upstreamConnected = false;
  private readonly pipes: DirectionPipe[];
  private stopWaitingForLink: (() => void) | undefined;
  private finished = false;

  constructor(private readonly options: ProxiedConnectionOptions) {
    const { client, counters, link } = options;
    counters.connectionsOpened += 1;
    counters.connectionsActive += 1;
    client.setNoDelay(true);
    client.on('error', () => this.reset());
    client.on('close', this.finishWhenClosed);
    // Read the client from the start: what it sends before the far side is connected is held
    // (bounded) like any other bytes, and a client that resets while waiting is noticed.
    this.pipes = [new DirectionPipe({ direction: 'upstream', source: client, link, counters: counters.upstream, maxHeldBytes: options.maxHeldBytes })];
    if (!link.isDown) {
      this.connectUpstream();
      return;
    }
    // A cut link: the client's SYN was answered by the listener, but nothing reaches the far
    // side until the link is back, so the client waits as it would on a real outage.
    counters.connectionsWaitingForLink += 1;
    this.stopWaitingForLink = link.onChange(() => {
      if (link.isDown) return;
      this.stopWaiting();
      this.connectUpstream();
    });
  }

  /** Destroys both sockets with an RST (Toxiproxy's reset_peer); held bytes are dropped. */
  reset(): void {
    this.stopPipes();
    for (const socket of this.sockets()) if (!socket.destroyed) socket.resetAndDestroy();
  }

  /** Destroys both sockets, for the proxy's close. */
  destroy(): void {
    this.stopPipes();
    for (const socket of this.sockets()) socket.destroy();
  }

  private connectUpstream(): void {
    const { client, upstream } = this.options;
    if (client.destroyed) return;
    const socket = connect({ host: upstream.host, port: upstream.port, allowHalfOpen: true });
    this.upstreamSocket = socket;
    socket.setNoDelay(true);
    socket.on('error', () => this.reset());
    socket.on('close', this.finishWhenClosed);
    socket.once('connect', () => this.startPipes(socket));
  }

  private startPipes(upstreamSocket: Socket): void {
    const { client, link, counters, maxHeldBytes } = this.options;
    this.upstreamConnected = true;
    this.pipes[0]!.connectSink(upstreamSocket);
    this.pipes.push(new DirectionPipe({ direction: 'downstream', source: upstreamSocket, sink: client, link, counters: counters.downstream, maxHeldBytes }));
  }

  private sockets(): Socket[] {
    return this.upstreamSocket ? [this.options.client, this.upstreamSocket] : [this.options.client];
  }

  private stopWaiting(): void {
    if (!this.stopWaitingForLink) return;
    this.stopWaitingForLink();
    this.stopWaitingForLink = undefined;
    this.options.counters.connectionsWaitingForLink -= 1;
  }

  private stopPipes(): void {
    this.stopWaiting();
    for (const pipe of this.pipes) pipe.stop();
  }

  private readonly finishWhenClosed = (): void => {
    const { client } = this.options;
    // A client that leaves before the upstream side exists takes the attempt with it.
    if (client.closed && this.upstreamSocket && !this.upstreamConnected) this.upstreamSocket.destroy();
    if (this.finished || !this.sockets().every((socket) => socket.closed)) return;
    this.finished = true;
    this.stopPipes();
    this.options.counters.connectionsActive -= 1;
    this.options.onFinished(this);
  };
}

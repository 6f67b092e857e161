/**
 * One direction of one proxied connection: reads chunks from `source`, holds each until the link
 * lets it go (latency, stall, cut, bandwidth) and writes it to `sink` in the order it came.
 *
 * Bounded: the source is paused once the held bytes could pass `maxHeldBytes` with one more read,
 * and resumed when half of that has drained; a sink that is not draining holds the queue, so
 * backpressure reaches the sender end to end. One timer at most, for the head of the queue:
 * every later chunk leaves no earlier than the head, so it never needs its own.
 */
import type { Socket } from 'node:net';
import { HeldQueue } from './held-queue.ts';
import { untilChanged, type LinkConditions } from './link-conditions.ts';
import { holdBytes, type LiveDirectionCounters } from './route-counters.ts';
import type { Direction } from './toxic-settings.ts';

/** The largest chunk one socket read delivers (libuv reads TCP into 64 KiB buffers). */
export const largestReadBytes = 64 * 1024;

interface HeldData {
  readonly kind: 'data';
  readonly bytes: Buffer;
  readonly releaseAtMs: number;
  /** When the bandwidth toxic lets it go, once reserved; reserved only at the head, so connections share fairly. */
  sendAtMs?: number;
}

interface HeldEnd {
  readonly kind: 'end';
  readonly releaseAtMs: number;
}

export interface DirectionPipeOptions {
  readonly direction: Direction;
  readonly source: Socket;
  /** Where the bytes go; absent while the far side is not connected yet (bytes are held meanwhile). */
  readonly sink?: Socket;
  readonly link: LinkConditions;
  readonly counters: LiveDirectionCounters;
  readonly maxHeldBytes: number;
}

export class DirectionPipe {
  private readonly queue = new HeldQueue<HeldData | HeldEnd>();
  private heldBytes = 0;
  private lastReleaseAtMs = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private waitingForDrain = false;
  private sourcePaused = false;
  private stopped = false;
  private readonly stopListening: () => void;
  private readonly pauseAboveBytes: number;
  private readonly resumeAtBytes: number;
  private sink: Socket | undefined;

  constructor(private readonly options: DirectionPipeOptions) {
    this.pauseAboveBytes = options.maxHeldBytes - largestReadBytes;
    this.resumeAtBytes = Math.floor(this.pauseAboveBytes / 2);
    this.sink = options.sink;
    this.stopListening = options.link.onChange(this.pump);
    options.source.on('data', this.onData);
    options.source.on('end', this.onEnd);
    options.source.resume();
  }

  /** Starts forwarding to `sink`, the far side once it has connected. */
  connectSink(sink: Socket): void {
    this.sink = sink;
    this.pump();
  }

  /** Drops whatever is held and cancels the timer; the connection destroys the sockets. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer();
    this.stopListening();
    this.options.source.off('data', this.onData);
    this.options.source.off('end', this.onEnd);
    this.queue.clear();
    this.release(this.heldBytes);
  }

  private readonly onData = (chunk: Buffer): void => {
    const releaseAtMs = this.options.link.releaseTime(this.options.direction, this.lastReleaseAtMs);
    this.lastReleaseAtMs = releaseAtMs;
    this.queue.push({ kind: 'data', bytes: chunk, releaseAtMs });
    this.heldBytes += chunk.length;
    holdBytes(this.options.counters, chunk.length);
    if (!this.sourcePaused && this.heldBytes > this.pauseAboveBytes) {
      this.sourcePaused = true;
      this.options.source.pause();
    }
    if (this.timer === undefined && !this.waitingForDrain) this.pump();
  };

  private readonly onEnd = (): void => {
    const { link, direction } = this.options;
    // The FIN crosses the link like data: delayed, held by a stall or cut, and after every byte.
    const releaseAtMs = link.releaseTime(direction, this.lastReleaseAtMs, link.toxics(direction).slowCloseMs);
    this.lastReleaseAtMs = releaseAtMs;
    this.queue.push({ kind: 'end', releaseAtMs });
    if (this.timer === undefined && !this.waitingForDrain) this.pump();
  };

  /** Forwards every chunk the link lets go now, then waits for a timer, a drain or a link change. */
  private readonly pump = (): void => {
    this.cancelTimer();
    const sink = this.sink;
    if (this.stopped || this.waitingForDrain || !sink) return;
    const { link, direction } = this.options;
    for (let head = this.queue.peek(); head !== undefined; head = this.queue.peek()) {
      const blockedUntil = link.blockedUntil(direction);
      if (blockedUntil !== undefined) {
        if (blockedUntil !== untilChanged) this.wakeAt(blockedUntil);
        break;
      }
      const nowMs = link.now();
      if (head.releaseAtMs > nowMs) {
        this.wakeAt(head.releaseAtMs);
        break;
      }
      if (head.kind === 'end') {
        this.queue.shift();
        if (!sink.destroyed) sink.end();
        break;
      }
      if (link.isRateLimited(direction)) {
        head.sendAtMs ??= link.reserveBandwidth(direction, head.bytes.length);
        if (head.sendAtMs > nowMs) {
          this.wakeAt(head.sendAtMs);
          break;
        }
      }
      this.queue.shift();
      this.release(head.bytes.length);
      if (sink.destroyed) continue;
      this.options.counters.bytesForwarded += head.bytes.length;
      if (!sink.write(head.bytes)) {
        this.waitingForDrain = true;
        sink.once('drain', this.onDrain);
        break;
      }
    }
    this.resumeSourceWhenDrained();
  };

  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    this.pump();
  };

  private release(bytes: number): void {
    this.heldBytes -= bytes;
    this.options.counters.bytesHeld -= bytes;
  }

  private resumeSourceWhenDrained(): void {
    if (!this.sourcePaused || this.heldBytes > this.resumeAtBytes) return;
    this.sourcePaused = false;
    this.options.source.resume();
  }

  private wakeAt(atMs: number): void {
    const delayMs = Math.max(0, Math.ceil(atMs - this.options.link.now()));
    this.timer = setTimeout(this.pump, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

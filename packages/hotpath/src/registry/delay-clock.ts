import { nowMs } from './clock.js';
import { Reservoir } from './reservoir.js';

const SLOTS = 64;
/** Every message is timed until this many, then every 16th: a timestamp costs more than a counter. */
const TIME_EVERY_MESSAGE_UNTIL = 64;

/**
 * Times the way through a FIFO channel: the n-th value received is the n-th value sent, so a send stamp
 * kept under its index meets its delivery without anything travelling with the value.
 */
export class DelayClock {
  private readonly sentAt = new Float64Array(SLOTS);
  private readonly sentIndex = new Float64Array(SLOTS);
  readonly reservoir = new Reservoir();

  static timed(index: number): boolean {
    return index <= TIME_EVERY_MESSAGE_UNTIL || (index & 15) === 0;
  }

  stampSent(index: number): void {
    const slot = index & (SLOTS - 1);
    this.sentAt[slot] = nowMs();
    this.sentIndex[slot] = index;
  }

  stampReceived(index: number): void {
    const slot = index & (SLOTS - 1);
    // A slot reused by a later send before this delivery means the sample was lost; skip it.
    if (this.sentIndex[slot] === index) this.reservoir.add(nowMs() - this.sentAt[slot]!);
  }
}

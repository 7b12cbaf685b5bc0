/**
 * What a monitored channel reports to. The primitives know only this interface, so `hotpath/channels`
 * stays a plain data structure and the registry can live elsewhere. `null` (the default) costs one
 * comparison per operation.
 */
export interface ChannelObserver {
  onSent(value: unknown): void;
  onReceived(): void;
  onClosed(finished: boolean): void;
  onDrained(): void;
  onNotified(): void;
}

/** Where `channel()` finds the shared state behind a sender, receiver or pair. */
export const CORE: unique symbol = Symbol('hotpath.core');

export interface Observable {
  observer: ChannelObserver | null;
  readonly capacity: number;
  readonly flavour: 'bounded' | 'unbounded' | 'oneshot';
  /** Values buffered right now. */
  queuedCount(): number;
  isFinished(): boolean;
}

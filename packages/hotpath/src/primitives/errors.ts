/** Thrown (or rejected with) when a value can no longer be sent or received because a side closed. */
export class ChannelClosedError extends Error {
  constructor(message = 'channel closed') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

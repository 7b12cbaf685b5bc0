import { Dispatcher } from '../dispatch.js';
import type { CallSite } from '../registry/call-site.js';
import type { ChannelOptions } from '../types.js';
import type { ChannelAdapter } from './adapter.js';
import { eventEmitterAdapter } from './event-emitter.js';
import { messagePortAdapter } from './message-port.js';
import { nodeStreamAdapter } from './node-stream.js';
import { ownChannelAdapter } from './own.js';
import { pushQueueAdapter } from './push-queue.js';
import { foreignWebStreamAdapter, webStreamAdapter } from './web-stream.js';

/**
 * Tried in order; the first that matches monitors the target. Node streams and message ports are
 * emitters too, so the plain emitter comes last.
 */
const adapters: ChannelAdapter[] = [
  ownChannelAdapter,
  nodeStreamAdapter,
  webStreamAdapter,
  foreignWebStreamAdapter,
  messagePortAdapter,
  pushQueueAdapter,
  eventEmitterAdapter,
];

const dispatcher = new Dispatcher('channel(target)', adapters);

export function monitorChannel(
  target: unknown,
  options: ChannelOptions | undefined,
  callSite: CallSite | null,
): unknown {
  return dispatcher.monitor(target, options, callSite);
}

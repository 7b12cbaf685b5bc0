import type { Adapter } from '../dispatch.js';
import type { ChannelOptions } from '../types.js';

/**
 * One kind of primitive `channel()` can monitor. `monitor` returns the target itself; a `{ readable,
 * writable }` pair comes back as that same pair.
 */
export type ChannelAdapter = Adapter<ChannelOptions>;

import type { Adapter } from '../dispatch.js';
import type { StreamOptions } from '../types.js';

/** One kind of source `stream()` can monitor: the source itself comes back, or (Observables) a new one. */
export type StreamAdapter = Adapter<StreamOptions>;

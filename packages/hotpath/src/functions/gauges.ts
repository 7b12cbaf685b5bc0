import { activate } from '../lifecycle.js';
import { captureCallSite } from '../registry/call-site.js';
import { nowMs } from '../registry/clock.js';
import { formatValue } from '../registry/format-value.js';
import type { GaugeSite } from '../registry/gauge-site.js';
import { gaugeRegistry } from '../registry/gauges.js';
import type { Gauge } from '../types.js';

/** What a program holds to move one gauge; one per label, made the first time the label is seen. */
class GaugeHandle implements Gauge {
  constructor(private readonly site: GaugeSite) {}

  set(value: number): Gauge {
    this.site.setNumber(checkNumber('gauge(label).set(value)', value), nowMs());
    return this;
  }

  inc(by = 1): Gauge {
    return this.set((this.site.value ?? 0) + checkNumber('gauge(label).inc(by)', by));
  }

  dec(by = 1): Gauge {
    return this.set((this.site.value ?? 0) - checkNumber('gauge(label).dec(by)', by));
  }
}

const handles = new Map<string, GaugeHandle>();

/** `gauge(label)` gives the label's gauge; `gauge(label, value)` also sets it. */
export function gaugeOn(label: unknown, value: unknown, argumentCount: number, entry: Function): Gauge {
  checkLabel('gauge', label);
  let handle = handles.get(label);
  if (handle === undefined) {
    const site =
      gaugeRegistry.find('gauge', label) ?? gaugeRegistry.create('gauge', label, captureCallSite(entry));
    handle = new GaugeHandle(site);
    // The registry shares one row among labels past its cap; handles stay bounded the same way.
    if (site.label === label) handles.set(label, handle);
    activate();
  }
  if (argumentCount >= 2) handle.set(value as number);
  return handle;
}

/** `val(label, value)`: records the value (formatted like a logged message) under `label`. */
export function valOn(label: unknown, value: unknown, entry: Function): void {
  checkLabel('val', label);
  let site = gaugeRegistry.find('val', label);
  if (site === undefined) {
    site = gaugeRegistry.create('val', label, captureCallSite(entry));
    activate();
  }
  site.logValue(value, formatValue(value, true), nowMs());
}

function checkLabel(fn: string, label: unknown): asserts label is string {
  if (typeof label !== 'string' || label === '')
    throw new TypeError(
      `${fn}(label, value): label must be a non-empty string, got ${label === '' ? 'an empty string' : label === null ? 'null' : typeof label}`,
    );
}

function checkNumber(what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(
      `${what}: expected a finite number, got ${typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value}`,
    );
  return value;
}

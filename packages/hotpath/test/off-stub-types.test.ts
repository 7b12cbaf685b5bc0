import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as full from '../src/index.ts';
import * as stub from '../src/off.ts';

// Type-level: the stub must be usable wherever the real module is (`tsc --noEmit` checks this line).
const asFull: Omit<typeof full, 'enabled'> & { enabled: boolean } = stub;

test('the stub satisfies the full module type and its wrappers are identities', async () => {
  const target = { x: 1 };
  assert.equal(asFull.channel(target), target);
  assert.equal(asFull.stream(target), target);
  const promise = Promise.resolve(1);
  assert.equal(asFull.future(promise), promise);
  assert.equal(await asFull.main(() => 42), 42);
  assert.deepEqual(asFull.snapshot().channels, []);
});

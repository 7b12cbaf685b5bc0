import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KindRegistry, type Tracked } from '../../src/registry/kind-registry.ts';
import { Sites } from '../../src/registry/sites.ts';
import type { RowIdentity } from '../../src/types.ts';

interface Item extends Tracked {
  count: number;
}
interface ItemRow extends RowIdentity {
  count: number;
}

function makeRegistry(retained: number) {
  const registry = new KindRegistry<Item, ItemRow>(
    {
      toRow: (item) => ({
        id: item.id,
        label: item.site.labelFor(item.ordinal),
        source: item.site.source,
        hasCustomLabel: item.site.hasCustomLabel,
        instances: 1,
        count: item.count,
      }),
      stateOf: (item) => (item.finished ? 'closed' : 'active'),
      fold: (summary, item, id) => {
        const row = summary ?? {
          id,
          label: item.site.label,
          source: item.site.source,
          hasCustomLabel: item.site.hasCustomLabel,
          instances: 0,
          count: 0,
        };
        row.instances++;
        row.count += item.count;
        return row;
      },
      showSummary: (summary) => ({ ...summary }),
    },
    retained,
  );
  const sites = new Sites('item');
  const add = (label: string | undefined, source: string, count: number) => {
    const site = sites.resolve({ source, label: source }, label);
    const item: Item = { id: registry.allocateId(), site, ordinal: site.made++, finished: false, count };
    registry.add(item);
    return item;
  };
  return { registry, add };
}

describe('KindRegistry', () => {
  test('custom labels first (by label), then call sites by path and numeric line; instances in order', () => {
    const { registry, add } = makeRegistry(10);
    add(undefined, 'src/b.ts:10', 1);
    add(undefined, 'src/b.ts:9', 1);
    add('zeta', 'src/a.ts:1', 1);
    add('alpha', 'src/a.ts:2', 1);
    add('alpha', 'src/a.ts:2', 1);
    add(undefined, 'src/a.ts:100', 1);
    assert.deepEqual(
      registry.rows().map((row) => row.label),
      ['alpha', 'alpha-2', 'zeta', 'src/a.ts:100', 'src/b.ts:9', 'src/b.ts:10'],
    );
  });

  test('finished items beyond the retained window fold into one summary per site; totals stay exact', () => {
    const { registry, add } = makeRegistry(3);
    for (let i = 0; i < 10; i++) registry.finish(add('job', 'x.ts:1', i));
    const live = add('job', 'x.ts:1', 100);
    const rows = registry.rows();
    assert.equal(rows.length, 1 + 3 + 1);
    const summary = rows[0]!;
    assert.equal(summary.instances, 7);
    assert.equal(summary.count, 0 + 1 + 2 + 3 + 4 + 5 + 6);
    assert.equal(
      rows.reduce((sum, row) => sum + row.count, 0),
      45 + 100,
    );
    assert.equal(rows.at(-1)!.id, live.id);
    assert.equal(registry.liveCount, 4);
  });

  test('finishing twice folds once', () => {
    const { registry, add } = makeRegistry(0);
    const item = add(undefined, 'y.ts:1', 5);
    registry.finish(item);
    registry.finish(item);
    const rows = registry.rows();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.instances, 1);
    assert.equal(rows[0]!.count, 5);
  });

  test('rows are copies: mutating a snapshot row changes nothing', () => {
    const { registry, add } = makeRegistry(0);
    registry.finish(add(undefined, 'z.ts:1', 5));
    registry.rows()[0]!.count = 999;
    assert.equal(registry.rows()[0]!.count, 5);
  });
});

describe('KindRegistry site groups', () => {
  test('each site once, in row order, with its summary, folded states and held instances', () => {
    const { registry, add } = makeRegistry(2);
    add(undefined, 'b.ts:1', 7);
    for (let i = 0; i < 6; i++) registry.finish(add('job', 'x.ts:1', i));
    const live = add('job', 'x.ts:1', 100);
    const groups = registry.siteGroups();
    assert.deepEqual(
      groups.map((group) => group.site.label),
      ['job', 'b.ts:1'],
    );
    const job = groups[0]!;
    assert.equal(job.summary!.instances, 4);
    assert.deepEqual(Object.fromEntries(job.foldedStates), { closed: 4 });
    assert.deepEqual(
      job.held.map((item) => item.count),
      [4, 5, 100],
    );
    const total = job.summary!.count + job.held.reduce((sum, item) => sum + item.count, 0);
    assert.equal(total, 0 + 1 + 2 + 3 + 4 + 5 + 100);
    assert.deepEqual(registry.heldAt(job.site.id), job.held);
    assert.equal(registry.heldAt(job.site.id).at(-1), live);
    assert.notEqual(groups[0]!.site.id, groups[1]!.site.id);
  });
});

/**
 * The web dashboard in a real headless Chromium (Debian's package, driven by playwright-core): rows and
 * exact counts as `/snapshot` has them, live updates, sorting, filtering, a chart that grows, logs, labels
 * rendered as text, the token prompt, and not one request to anywhere but the page's own origin.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ControlledProgram, launchChromium } from './helpers.ts';

// The functions handed to `page.evaluate` run in the browser, where these exist; the test's types know Node only.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>&amp;';
const TOKEN = 'dashboard-secret-token';
/** Where the screenshots of each tab go (the README's pictures are taken from here). */
const SHOTS = process.env.HOTPATH_DASHBOARD_SHOTS ?? join(tmpdir(), 'hotpath-dashboard-shots');

interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

/** A page that records every request it makes and every console error or page error. */
async function openPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  const watched: Watched = { page, requests: [], errors: [] };
  page.on('request', (request) => watched.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(String(error)));
  return watched;
}

/** The text of one cell of the row whose label cell reads exactly `label`; null while there is none. */
function cellText(page: Page, label: string, column: string): Promise<string | null> {
  return page.evaluate(
    ([label, column]) => {
      for (const row of document.querySelectorAll('tr[data-row-id]')) {
        if (row.querySelector('td[data-col="label"]')?.textContent === label)
          return row.querySelector(`td[data-col="${column}"]`)?.textContent ?? null;
      }
      return null;
    },
    [label, column] as const,
  );
}

function waitForCell(page: Page, label: string, column: string, text: string): Promise<unknown> {
  return page.waitForFunction(
    ([label, column, text]) => {
      for (const row of document.querySelectorAll('tr[data-row-id]')) {
        if (row.querySelector('td[data-col="label"]')?.textContent === label)
          return row.querySelector(`td[data-col="${column}"]`)?.textContent === text;
      }
      return false;
    },
    [label, column, text] as const,
    { timeout: 15_000 },
  );
}

async function siteRow(url: string, label: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/snapshot?by=site`, { headers });
  const snapshot = (await response.json()) as {
    channels: { label: string; sent: number; received: number; queued: number }[];
  };
  return snapshot.channels.find((row) => row.label === label);
}

function assertSameOrigin(requests: string[], url: string): void {
  const origin = new URL(url).origin;
  assert.ok(requests.length > 0);
  const elsewhere = requests.filter(
    (request) => !request.startsWith('data:') && new URL(request).origin !== origin,
  );
  assert.deepEqual(elsewhere, [], 'the page talks to its own origin only');
}

/** A browser and a steered program for the tests of one `describe`, started side by side. */
function browserAndProgram(env: Record<string, string>) {
  const live = {} as { browser: Browser; program: ControlledProgram; url: string };
  before(async () => {
    const [browser, started] = await Promise.all([launchChromium(), ControlledProgram.start(env)]);
    Object.assign(live, { browser, ...started });
  });
  after(async () => {
    live.program?.stop();
    await live.browser?.close();
  });
  return live;
}

describe('the web dashboard in Chromium', () => {
  const live = browserAndProgram({ HOSTILE_LABEL });

  test('shows the exact counts /snapshot has, updates them live, sorts, filters, charts and logs', async () => {
    const { page, requests, errors } = await openPage(live.browser);
    await live.program.command('send 5');
    await page.goto(`${live.url}/`);
    await waitForCell(page, 'jobs', 'sent', '5');
    const served = await siteRow(live.url, 'jobs');
    assert.equal(served?.sent, 5);
    assert.equal(await cellText(page, 'jobs', 'received'), String(served?.received));
    assert.equal(await cellText(page, 'jobs', 'queued'), '5/100');

    // Live: the program moves on and the open page follows, with no reload.
    await live.program.command('send 7');
    await live.program.command('recv 4');
    await waitForCell(page, 'jobs', 'sent', '12');
    await waitForCell(page, 'jobs', 'received', '4');
    await waitForCell(page, 'jobs', 'queued', '8/100');
    assert.deepEqual(
      {
        sent: (await siteRow(live.url, 'jobs'))?.sent,
        received: (await siteRow(live.url, 'jobs'))?.received,
      },
      { sent: 12, received: 4 },
    );

    // Sorting by Sent (biggest first), then filtering by label.
    await page.click('th[data-col="sent"]');
    await page.waitForFunction(
      () => document.querySelector('th[data-col="sent"]')?.getAttribute('aria-sort') === 'descending',
    );
    const sentColumn = await page.$$eval('tbody tr[data-row-id] td[data-col="sent"]', (cells) =>
      cells.map((cell) => Number(cell.textContent)),
    );
    assert.ok(sentColumn.length >= 2);
    assert.deepEqual(
      sentColumn,
      [...sentColumn].sort((a, b) => b - a),
    );
    assert.equal(sentColumn[0], 12);
    await page.fill('input.filter', 'job');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-id]').length === 1);
    assert.equal(await cellText(page, 'jobs', 'sent'), '12');

    // The selected row's charts draw and grow with each snapshot; its logs show the values sent.
    await page.click('tbody tr[data-row-id]');
    await page.waitForSelector('.chart[data-series="rate"] canvas');
    await page.waitForSelector('.chart[data-series="depth"] canvas');
    const points = Number(await page.getAttribute('.chart[data-series="rate"]', 'data-points'));
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector('.chart[data-series="rate"]')?.getAttribute('data-points')) > before,
      points,
      { timeout: 15_000 },
    );
    await page.waitForFunction(() => document.querySelector('.logs')?.textContent?.includes('job 12'), null, {
      timeout: 15_000,
    });

    assert.match((await page.textContent('.status .word')) ?? '', /Live/);
    assertSameOrigin(requests, live.url);
    assert.deepEqual(errors, []);
  });

  test('a label holding HTML and script is shown as text and never runs', async () => {
    const { page, errors } = await openPage(live.browser);
    await page.goto(`${live.url}/`);
    await page.waitForFunction(
      (label) =>
        [...document.querySelectorAll('td[data-col="label"]')].some((cell) => cell.textContent === label),
      HOSTILE_LABEL,
      { timeout: 15_000 },
    );
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('main img, main script').count(), 0);
    assert.deepEqual(errors, []);
  });

  test('a site row standing for several instances lists them when selected', async () => {
    const { page, errors } = await openPage(live.browser);
    await page.goto(`${live.url}/`);
    await waitForCell(page, 'worker (×3)', 'sent', '6');
    await page.click('tbody tr[data-row-id]:has(td[data-col="label"]:text-is("worker (×3)"))');
    await page.waitForFunction(
      () => document.querySelectorAll('.instances tr[data-instance-id]').length === 3,
      null,
      {
        timeout: 15_000,
      },
    );
    const sent = await page.$$eval('.instances td[data-col="sent"]', (cells) =>
      cells.map((cell) => Number(cell.textContent)).sort(),
    );
    assert.deepEqual(sent, [1, 2, 3]);
    assert.deepEqual(errors, []);
  });

  test('every tab renders, and each is saved as a screenshot', async () => {
    const { page, errors } = await openPage(live.browser);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${live.url}/`);
    await waitForCell(page, 'jobs', 'label', 'jobs');
    for (const tab of ['channels', 'streams', 'futures', 'runtime', 'functions', 'gauges']) {
      await page.click(`button[data-tab="${tab}"]`);
      await page.waitForFunction(
        (tab) =>
          document.querySelector(`button[data-tab="${tab}"]`)?.getAttribute('aria-selected') === 'true',
        tab,
      );
      if (tab === 'streams') await waitForCell(page, 'numbers', 'yielded', '3');
      if (tab === 'futures') await waitForCell(page, 'startup', 'resolved', '1');
      if (tab === 'runtime') await page.waitForSelector('[data-fact="Heap used"]');
      await page.screenshot({ path: join(SHOTS, `dashboard-${tab}.png`) });
    }
    assert.deepEqual(errors, []);
  });

  test('ten thousand rows: the table holds only the rows in view, scrolls to the last, sorts and filters', async (t) => {
    // Last in this suite: the rows stay for the program's life.
    await live.program.command('many 9990');
    const { page, errors } = await openPage(live.browser);
    await page.goto(`${live.url}/`);
    await page.waitForFunction(
      () => Number(document.querySelector('table.rows')?.getAttribute('data-row-count')) >= 9990,
      null,
      {
        timeout: 20_000,
      },
    );
    const inDom = await page.locator('tbody tr[data-row-id]').count();
    assert.ok(inDom > 10 && inDom < 200, `${inDom} rows in the DOM`);

    await page.$eval('.table-scroll', (element) => {
      element.scrollTop = element.scrollHeight;
    });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('td[data-col="label"]')].some(
          (cell) => cell.textContent === 'row-9989',
        ),
      null,
      { timeout: 15_000 },
    );

    const started = Date.now();
    await page.click('th[data-col="label"]');
    await page.waitForFunction(
      () => document.querySelector('th[data-col="label"]')?.getAttribute('aria-sort') === 'ascending',
    );
    t.diagnostic(`sorting 10,000 rows by label, click to drawn: ${Date.now() - started} ms`);
    await page.fill('input.filter', 'row-4242');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row-id]').length === 1);
    assert.match((await page.textContent('.status .facts')) ?? '', /1 of \d+ rows/);
    assert.deepEqual(errors, []);
  });
});

interface ServedLint {
  lint: string;
  kind: string;
  label: string;
  rowId: number;
}

/** The lints `/snapshot` lists, once two reads 300 ms apart agree (a lint may just be rising). */
async function settledLints(url: string): Promise<ServedLint[]> {
  const read = async () =>
    ((await (await fetch(`${url}/snapshot?by=site`)).json()) as { lints?: ServedLint[] }).lints ?? [];
  const key = (lints: ServedLint[]) =>
    lints
      .map((lint) => `${lint.lint}:${lint.kind}:${lint.rowId}`)
      .sort()
      .join();
  let previous = await read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await read();
    if (now.length > 0 && key(now) === key(previous)) return now;
    previous = now;
  }
}

describe('the web dashboard with lints raised', () => {
  // Channels with items queued and nothing received stall within a second: the hostile one and the workers.
  // Only that lint: a loop stall on a busy machine would come and go between two reads.
  const live = browserAndProgram({
    HOTPATH_LINTS: 'all=off,consumer-stalled=1s',
    HOTPATH_RUNTIME_INTERVAL_MS: '100',
  });

  test('rows that raise a lint carry ⚠; the Warnings tab lists what /snapshot lists and leads to the row', async () => {
    const { page, requests, errors } = await openPage(live.browser);
    await page.goto(`${live.url}/`);
    await waitForCell(page, 'worker (×3)', 'lints', '⚠');
    const served = await settledLints(live.url);
    const channelLints = served.filter((lint) => lint.kind === 'channel');
    assert.ok(channelLints.some((lint) => lint.label === 'worker' && lint.lint === 'consumer-stalled'));

    // The ⚠ column marks exactly the channel rows the lints name (by id), and no other.
    const markedIds = () =>
      page.$$eval('tbody tr[data-row-id]', (rows) =>
        rows
          .filter((row) => row.querySelector('td[data-col="lints"]')?.textContent === '⚠')
          .map((row) => Number(row.getAttribute('data-row-id')))
          .sort((a, b) => a - b),
      );
    const expectedIds = [...new Set(channelLints.map((lint) => lint.rowId))].sort((a, b) => a - b);
    await page.waitForFunction(
      (count) =>
        [...document.querySelectorAll('td[data-col="lints"]')].filter((cell) => cell.textContent === '⚠')
          .length === count,
      expectedIds.length,
      { timeout: 15_000 },
    );
    assert.deepEqual(await markedIds(), expectedIds);
    assert.equal(await cellText(page, 'jobs', 'lints'), '', 'a healthy row stays blank');

    // The tab's count and its list: as many as /snapshot has, each with its lint and row.
    assert.equal(await page.textContent('button[data-tab="warnings"] .count'), String(served.length));
    await page.keyboard.press('w');
    await page.waitForSelector('table.lints');
    const listed = await page.$$eval('table.lints tbody tr', (rows) =>
      rows.map((row) => `${row.getAttribute('data-lint')} ${row.querySelectorAll('td')[1]?.textContent}`),
    );
    assert.deepEqual(listed.sort(), served.map((lint) => `${lint.lint} ${lint.label}`).sort());
    assert.match((await page.textContent('.status .facts')) ?? '', new RegExp(`⚠ ${served.length} warnings`));
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'dashboard-warnings.png') });

    // A click on the row a lint names shows that row, selected, in its tab.
    await page.click('table.lints tr[data-lint="consumer-stalled"] button.link:text-is("worker")');
    await page.waitForFunction(
      () => document.querySelector('button[data-tab="channels"]')?.getAttribute('aria-selected') === 'true',
    );
    const workerId = channelLints.find((lint) => lint.label === 'worker')!.rowId;
    await page.waitForSelector(`tbody tr.selected[data-row-id="${workerId}"]`);
    assertSameOrigin(requests, live.url);
    assert.deepEqual(errors, []);
  });
});

describe('the web dashboard with HOTPATH_METRICS_TOKEN', () => {
  const live = browserAndProgram({ HOTPATH_METRICS_TOKEN: TOKEN });

  test('asks for the token, says when it is wrong, keeps it in session storage and never in the URL', async () => {
    const { page, requests } = await openPage(live.browser);
    await live.program.command('send 3');
    const eventRequests: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/events') eventRequests.push(request.headers().authorization);
    });
    await page.goto(`${live.url}/`);
    await page.waitForSelector('.token-prompt');
    assert.match((await page.textContent('.token-prompt')) ?? '', /wants a token/);

    await page.fill('.token-prompt input', 'wrong-token');
    await page.click('.token-prompt button');
    await page.waitForFunction(
      () => document.querySelector('.token-prompt h2')?.textContent === 'Token refused',
    );
    assert.match((await page.textContent('.status')) ?? '', /refused the token/);

    await page.fill('.token-prompt input', TOKEN);
    await page.click('.token-prompt button');
    await waitForCell(page, 'jobs', 'sent', '3');
    assert.equal(await page.locator('.token-prompt').count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hotpath.token')), TOKEN);
    assert.deepEqual(eventRequests.slice(0, 3), [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}`]);

    // A reload keeps the token (this tab's session), so no prompt; the URL never holds it.
    await page.reload();
    await waitForCell(page, 'jobs', 'sent', '3');
    assert.equal(await page.locator('.token-prompt').count(), 0);
    assert.ok(
      requests.every((request) => !request.includes(TOKEN)),
      'no URL carries the token',
    );
    assert.ok(!page.url().includes(TOKEN));
    assertSameOrigin(requests, live.url);
    // Data routes still refuse a request without the token.
    assert.equal((await fetch(`${live.url}/snapshot`)).status, 401);
    assert.equal((await siteRow(live.url, 'jobs', { Authorization: `Bearer ${TOKEN}` }))?.sent, 3);
  });
});

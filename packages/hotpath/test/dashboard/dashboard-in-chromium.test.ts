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

describe('the web dashboard in Chromium', () => {
  let browser: Browser;
  let program: ControlledProgram;
  let url: string;

  before(async () => {
    [browser, { program, url }] = await Promise.all([
      launchChromium(),
      ControlledProgram.start({ HOSTILE_LABEL: HOSTILE_LABEL }),
    ]);
  });
  after(async () => {
    program?.stop();
    await browser?.close();
  });

  test('shows the exact counts /snapshot has, updates them live, sorts, filters, charts and logs', async () => {
    const { page, requests, errors } = await openPage(browser);
    await program.command('send 5');
    await page.goto(`${url}/`);
    await waitForCell(page, 'jobs', 'sent', '5');
    const served = await siteRow(url, 'jobs');
    assert.equal(served?.sent, 5);
    assert.equal(await cellText(page, 'jobs', 'received'), String(served?.received));
    assert.equal(await cellText(page, 'jobs', 'queued'), '5/100');

    // Live: the program moves on and the open page follows, with no reload.
    await program.command('send 7');
    await program.command('recv 4');
    await waitForCell(page, 'jobs', 'sent', '12');
    await waitForCell(page, 'jobs', 'received', '4');
    await waitForCell(page, 'jobs', 'queued', '8/100');
    assert.deepEqual(
      { sent: (await siteRow(url, 'jobs'))?.sent, received: (await siteRow(url, 'jobs'))?.received },
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
    assertSameOrigin(requests, url);
    assert.deepEqual(errors, []);
  });

  test('a label holding HTML and script is shown as text and never runs', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${url}/`);
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

  test('every tab renders, and each is saved as a screenshot', async () => {
    const { page, errors } = await openPage(browser);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${url}/`);
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
});

describe('the web dashboard with HOTPATH_METRICS_TOKEN', () => {
  let browser: Browser;
  let program: ControlledProgram;
  let url: string;

  before(async () => {
    [browser, { program, url }] = await Promise.all([
      launchChromium(),
      ControlledProgram.start({ HOTPATH_METRICS_TOKEN: TOKEN }),
    ]);
  });
  after(async () => {
    program?.stop();
    await browser?.close();
  });

  test('asks for the token, says when it is wrong, keeps it in session storage and never in the URL', async () => {
    const { page, requests } = await openPage(browser);
    await program.command('send 3');
    const eventRequests: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/events') eventRequests.push(request.headers().authorization);
    });
    await page.goto(`${url}/`);
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
    assertSameOrigin(requests, url);
    // Data routes still refuse a request without the token.
    assert.equal((await fetch(`${url}/snapshot`)).status, 401);
    assert.equal((await siteRow(url, 'jobs', { Authorization: `Bearer ${TOKEN}` }))?.sent, 3);
  });
});

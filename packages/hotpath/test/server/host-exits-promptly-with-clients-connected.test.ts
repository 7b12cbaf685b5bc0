import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { openEvents } from '../helpers/http-client.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

interface HostRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the moment the script's work ended to the moment its process exited. */
  exitLagMs: number;
}

/**
 * Runs the host scenario; once it has printed its URL, `whileWorking` may connect clients, then the
 * work is ended (SIGUSR2) and the time the process takes to exit is measured.
 */
async function runHost(serverOn: boolean, whileWorking: (url: string) => Promise<void>): Promise<HostRun> {
  let exitedAt = 0;
  let child: ChildProcess | undefined;
  let stdoutSoFar = '';
  let urlSeen: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    urlSeen = resolve;
  });
  const result = runScript(
    scenarios('server-host.ts'),
    { HOTPATH: '1', HOTPATH_METRICS_PORT: '0', HOTPATH_METRICS_SERVER_OFF: serverOn ? '0' : '1' },
    {
      timeoutMs: 20_000,
      onSpawn: (spawned) => {
        child = spawned;
        spawned.stdout!.on('data', (chunk: Buffer) => {
          stdoutSoFar += chunk.toString();
          const match = /^url (\S+)$/m.exec(stdoutSoFar);
          if (match) urlSeen(match[1]!);
        });
        spawned.on('exit', () => {
          exitedAt = Date.now();
        });
      },
    },
  );
  await whileWorking(await url);
  child!.kill('SIGUSR2');
  const { code, stdout, stderr } = await result;
  const doneAt = Number(/^done (\d+)$/m.exec(stdout)?.[1]);
  assert.ok(doneAt > 0, `the host finished its work\n${stdout}\n${stderr}`);
  return { code, stdout, stderr, exitLagMs: exitedAt - doneAt };
}

/** 50 clients: 20 event subscribers (half drop after the first event) and 30 keep-alive JSON requests. */
async function connectFifty(url: string, keepAlive: Agent): Promise<void> {
  const subscribers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => openEvents(`${url}/events?intervalMs=${i % 2 === 0 ? 100 : 1000}`)),
  );
  await Promise.all(subscribers.map((subscriber) => subscriber.waitFor(1)));
  for (const subscriber of subscribers.slice(0, 10)) subscriber.close();
  const answers = await Promise.all(
    Array.from(
      { length: 30 },
      (_, i) =>
        new Promise<number>((resolve, reject) => {
          const path = ['/snapshot', '/channels?limit=5', '/health', '/channels/1/logs'][i % 4];
          httpRequest(`${url}${path}`, { agent: keepAlive }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
            .on('error', reject)
            .end();
        }),
    ),
  );
  assert.deepEqual(new Set(answers), new Set([200]));
  // Ten subscribers and up to thirty idle keep-alive sockets stay connected while the host finishes.
}

test('the host exits as promptly with 50 clients connected as with the server off', async (t) => {
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 30 });
  try {
    const on = await runHost(true, (url) => connectFifty(url, keepAlive));
    const off = await runHost(false, async (url) => {
      assert.equal(url, 'null');
    });
    t.diagnostic(
      `exit lag: ${on.exitLagMs} ms with the server on and 40 clients connected, ${off.exitLagMs} ms with it off`,
    );
    assert.equal(on.code, 0, on.stderr);
    assert.equal(off.code, 0, off.stderr);
    const banners = on.stderr.split('\n').filter((line) => line.startsWith('[hotpath]'));
    assert.equal(banners.length, 1, on.stderr);
    assert.match(
      banners[0]!,
      /^\[hotpath\] metrics server listening on (http:\/\/127\.0\.0\.1:\d+) · dashboard \1\/$/,
    );
    assert.equal(off.stderr, '');
    // The report still prints at exit in both runs.
    assert.match(on.stdout, /Channel Statistics/);
    assert.match(off.stdout, /Channel Statistics/);
    // Anything holding the loop would add seconds (5 s keep-alive timeout, 15 s heartbeat) or never let
    // go (a subscriber's socket, open until the host exits): the margin is for a loaded machine only.
    assert.ok(
      on.exitLagMs < off.exitLagMs + 1200 && on.exitLagMs < 1500,
      `exit took ${on.exitLagMs} ms after the work with the server on, ${off.exitLagMs} ms with it off`,
    );
  } finally {
    keepAlive.destroy();
  }
});

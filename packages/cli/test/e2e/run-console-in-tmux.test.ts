/**
 * `hotpath run` in a real terminal (tmux): a program with no hotpath import shows rows for the requests
 * it serves, the fetches and http.get calls it makes and (with streams) its pipeline, with exact counts;
 * its output is in a pane and, after exit, in the terminal; Ctrl-C goes to the program; `q` ends it; the
 * exit code passes through.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasTmux, inTmux, press, screen, scrollback } from '../helpers/tmux.ts';
import { waitFor } from '../helpers/wait.ts';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/zero-code/server.mjs', import.meta.url));
const EXITS_7 = fileURLToPath(new URL('../fixtures/run/exits-7.mjs', import.meta.url));
const options = {
  skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux)',
  timeout: 40_000,
};

/** "1.0k" → 1000: counts as the console abbreviates them. */
function count(text: string): number {
  const match = /^([\d.]+)([kMG]?)$/.exec(text);
  assert.ok(match, `not a count: ${text}`);
  return Number(match[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 } as Record<string, number>)[match[2]!]!;
}

describe('hotpath run in a terminal', () => {
  test(
    'rows for requests, fetches and the pipeline; Ctrl-C reaches the program; output and report stay',
    options,
    async () => {
      await inTmux(
        `run --refresh-ms 200 -- node '${EXAMPLE}'`,
        // Tall and wide enough that the exit report (longer with each loop stall) leaves the output on screen.
        [150, 70],
        async (exitCode) => {
          // The program's output line comes after all its requests; the rows follow within a refresh.
          const futures = await waitFor(
            'the HTTP rows',
            () => {
              const text = screen();
              return (
                /serving until Ctrl-C/.test(text) &&
                /^┃GET \/users\/:id\s+20\s+0\s+20\s/m.test(text) &&
                /^┃GET \/orders\/:id\s+10\s+0\s+10\s/m.test(text) &&
                /^┃GET http:\/\/127\.0\.0\.1:\d+\/orders\/:id\s+10\s+0\s+10\s/m.test(text) &&
                text
              );
            },
            15_000,
          );
          assert.match(futures, /\[3\] Futures \(\d+\)\*/, 'opens on the Futures tab');
          assert.match(futures, /^┃GET http:\/\/127\.0\.0\.1:\d+\s+20\s+0\s+20\s/m, 'the fetches');
          assert.match(futures, /Program output · running/);
          assert.match(
            futures,
            / dashboard http:\/\/127\.0\.0\.1:\d+\/\s*$/,
            "the program's dashboard address",
          );
          assert.match(futures, /made 20 fetches and 10 http\.get calls; gzipped 1000 lines \(ok\)/);

          press('1');
          const channels = await waitFor(
            'the pipeline rows',
            () => {
              const text = screen();
              return /^┃\S*server\.mjs:\d+ /m.test(text) && /\[1\] Channels \(\d+\)\*/.test(text) && text;
            },
            15_000,
          );
          // Readable.from(1000 lines) and the upper-casing Transform: 1000 sent and received each, each a
          // row labelled by its line and class.
          const pipelineRows = [
            ...channels.matchAll(/^┃\S*server\.mjs:(\d+) (\w+)\s+bounded\[\d+\]\s+\S+\s+(\S+)\s+(\S+)/gm),
          ];
          const thousands = pipelineRows.filter((row) => count(row[3]!) === 1000 && count(row[4]!) === 1000);
          assert.deepEqual(
            thousands.map((row) => row[2]),
            ['Readable', 'Transform'],
            `two stages of 1000 in:\n${channels}`,
          );

          press('C-c');
          const ended = await waitFor(
            'the program to end',
            () => {
              const text = screen();
              return /exited with code 0 · press any key/.test(text) && text;
            },
            15_000,
          );
          assert.match(ended, /^│stopping\s/m, 'the program handled SIGINT itself');
          assert.match(ended, /\[1\] Channels/, 'the last frame stays');
          press('x');
          assert.equal(await exitCode(), '0');
          // The report that follows can be longer than the screen (a runtime section, stalls under load).
          const after = scrollback();
          assert.match(after, /^made 20 fetches/m, "the program's output is in the terminal");
          assert.match(after, /^stopping$/m);
          assert.match(after, /GET \/users\/:id/, 'then the report');
        },
        'HOTPATH_AUTO=http,fetch,streams',
      );
    },
  );

  test('q ends the program (SIGTERM) and closes at once; the status is 128 + 15', options, async () => {
    await inTmux(`run -- node '${EXAMPLE}'`, [120, 40], async (exitCode) => {
      await waitFor('the console', () => /Program output · running/.test(screen()), 15_000);
      await waitFor('the program to be serving', () => /serving until Ctrl-C/.test(screen()), 15_000);
      press('q');
      assert.equal(await exitCode(), '143');
      assert.match(scrollback(), /^serving until Ctrl-C$/m);
    });
  });

  test("the program's exit code passes through: process.exit(7) → 7, after a key", options, async () => {
    await inTmux(`run -- node '${EXITS_7}'`, [100, 30], async (exitCode) => {
      await waitFor('the exit', () => /exited with code 7 · press any key/.test(screen()), 15_000);
      press('Enter');
      assert.equal(await exitCode(), '7');
      assert.match(scrollback(), /^about to exit with 7$/m);
    });
  });
});

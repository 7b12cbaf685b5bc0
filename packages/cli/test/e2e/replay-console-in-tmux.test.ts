/**
 * The console on a recording, in a real terminal: the status line says REPLAY with the position and the
 * length, rows change as it plays, space pauses, ←/→ step one frame, [ ] change the speed, g jumps.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runScenario, scratch } from '../helpers/recording.ts';
import { hasTmux, inTmux, press, screen } from '../helpers/tmux.ts';
import { waitFor } from '../helpers/wait.ts';

const file = join(scratch(), 'replayed.hotpath.gz');

before(async () => {
  if (!hasTmux) return;
  const run = await runScenario({
    ITEMS: '40',
    CONSUMER_MS: '40',
    HOTPATH_RECORD: file,
    HOTPATH_RECORD_INTERVAL_MS: '100',
    HOTPATH_REPORT: 'off',
  });
  assert.equal(run.code, 0, run.stderr);
});

const STATUS = /REPLAY \S+ (\d+\.\d)s \/ (\d+\.\d)s · (\S+)( · paused| · end)?/;
/** Position, length, speed and state as the status line shows them. */
function status(capture: string) {
  const match = STATUS.exec(capture);
  return match === null
    ? null
    : { at: match[1]!, length: match[2]!, speed: match[3]!, state: match[4] ?? '' };
}
const jobsSent = (capture: string) => /^┃jobs\s+bounded\[4\]\s+\S+\s+(\d+)/m.exec(capture)?.[1];

test('replay in tmux: REPLAY status, rows update, space pauses, arrows step, [ ] speed, g jumps', {
  skip: hasTmux ? false : 'tmux is not installed (apt-get install -y tmux)',
  timeout: 90_000,
}, async () => {
  await inTmux(`console --replay '${file}' --speed 0.25`, [140, 30], async (exitCode) => {
    const first = await waitFor(
      'the replay',
      () => status(screen()) !== null && jobsSent(screen()) && screen(),
      15_000,
    );
    assert.match(first, /▶ REPLAY .*replayed\.hotpath\.gz \d+\.\ds \/ \d+\.\ds · 1\/4×/);
    assert.match(first, /space play\/pause · ←\/→ step · \[ \] speed · g go to/);
    const startSent = Number(jobsSent(first));
    await waitFor(
      'the rows to change as it plays',
      () => Number(jobsSent(screen()) ?? -1) > startSent,
      20_000,
    );

    press('Space');
    const paused = await waitFor('pause', () => status(screen())?.state === ' · paused' && screen(), 5000);
    const pausedAt = status(paused)!.at;
    const pausedSent = jobsSent(paused);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(status(screen())!.at, pausedAt, 'paused: the position holds');
    assert.equal(jobsSent(screen()), pausedSent);

    press('Right');
    const stepped = await waitFor(
      'a step forward',
      () => status(screen())?.at !== pausedAt && screen(),
      5000,
    );
    assert.ok(Number(status(stepped)!.at) > Number(pausedAt), stepped);
    press('Left');
    await waitFor('a step back', () => status(screen())?.at === pausedAt, 5000);

    press(']');
    await waitFor('double speed', () => status(screen())?.speed === '1/2×', 5000);
    press('[');
    press('[');
    await waitFor('a quarter of that', () => status(screen())?.speed === '1/8×', 5000);

    press('g');
    await waitFor('the go-to prompt', () => /go to .*Enter go/.test(screen()), 5000);
    press('0');
    press('Enter');
    await waitFor('the start', () => status(screen())?.at === '0.0', 5000);

    press('q');
    assert.equal(await exitCode(), '0');
  });
});

/** Runs the console in the real terminal: alternate screen, raw keys, and the screen given back on exit. */
import { render } from 'ink';
import type { Endpoint } from '../client/endpoint.js';
import { MetricsFeed } from '../client/feed.js';
import { App } from './App.js';

export interface ConsoleOptions {
  endpoint: Endpoint;
  refreshMs: number;
  limit: number;
  title?: string;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const CLEAR = '\x1b[2J\x1b[H';
const SHOW_CURSOR = '\x1b[?25h';

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { stdout, stdin } = process;
  if (!stdout.isTTY || !stdin.isTTY) {
    throw new Error(
      'the console needs a terminal (stdin and stdout a TTY); for scripts, read the server: curl <url>/snapshot',
    );
  }
  const feed = new MetricsFeed(options.endpoint, {
    refreshMs: options.refreshMs,
    limit: options.limit,
  }).start();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  // Whatever ends the process, the user gets their screen back.
  process.once('exit', restore);
  stdout.write(ENTER_ALT_SCREEN);
  // Registered before Ink's own listener, so the screen is blank when Ink redraws at the new size.
  const onResize = () => stdout.write(CLEAR);
  stdout.on('resize', onResize);
  try {
    const instance = render(
      <App source={feed} {...(options.title === undefined ? {} : { title: options.title })} />,
      {
        exitOnCtrlC: false,
        incrementalRendering: false,
        maxFps: 20,
      },
    );
    await instance.waitUntilExit();
  } finally {
    stdout.off('resize', onResize);
    feed.close();
    restore();
    process.off('exit', restore);
  }
}

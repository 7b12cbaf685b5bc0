/** Runs the console in the real terminal: alternate screen, raw keys, and the screen given back on exit. */
import { render } from 'ink';
import { address, type Endpoint } from '../client/endpoint.js';
import { type DataSource, MetricsFeed } from '../client/feed.js';
import { App, type AppProps } from './App.js';

export interface ConsoleOptions {
  endpoint: Endpoint;
  refreshMs: number;
  limit: number;
  title?: string;
  initialTab?: AppProps['initialTab'];
  /** `hotpath run`: the program's output pane and its first look at every key. */
  output?: AppProps['output'];
  intercept?: AppProps['intercept'];
  /** The console closes when this settles (the program ended and nothing waits for a key). */
  closeWhen?: Promise<unknown>;
  /**
   * Whether a signal to this process closes the console and exits (128 + signal). `hotpath run` turns it
   * off: it passes signals on to the program and closes once the program has ended.
   */
  exitOnSignal?: boolean;
  /** Leaves the data shown as it is: no more refreshes (the program has ended). */
  freezeWhen?: Promise<unknown>;
}

/** The console on a source other than a live server (`--replay`): what the screen needs besides the data. */
export type SourceOptions = Omit<ConsoleOptions, 'endpoint' | 'refreshMs' | 'limit'> & {
  replay?: AppProps['replay'];
  dashboardUrl?: string;
};

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const CLEAR = '\x1b[2J\x1b[H';
const SHOW_CURSOR = '\x1b[?25h';
const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export async function runConsole(options: ConsoleOptions): Promise<void> {
  requireTerminal('for scripts, read the server: curl <url>/snapshot');
  const feed = new MetricsFeed(options.endpoint, {
    refreshMs: options.refreshMs,
    limit: options.limit,
  }).start();
  await runConsoleOn(feed, { ...options, dashboardUrl: dashboardUrl(options.endpoint) });
}

/** Where the program's metrics server serves the web dashboard: its root. */
export function dashboardUrl(endpoint: Endpoint): string {
  return `http://${address(endpoint)}/`;
}

export function requireTerminal(otherwise: string): void {
  if (!process.stdout.isTTY || !process.stdin.isTTY)
    throw new Error(`the console needs a terminal (stdin and stdout a TTY); ${otherwise}`);
}

/** The console on `feed` until the user quits (or `closeWhen`); the feed is closed after. */
export async function runConsoleOn(feed: DataSource, options: SourceOptions): Promise<void> {
  const { stdout } = process;
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
      <App
        source={feed}
        {...(options.title === undefined ? {} : { title: options.title })}
        {...(options.output === undefined ? {} : { output: options.output })}
        {...(options.initialTab === undefined ? {} : { initialTab: options.initialTab })}
        {...(options.intercept === undefined ? {} : { intercept: options.intercept })}
        {...(options.replay === undefined ? {} : { replay: options.replay })}
        {...(options.dashboardUrl === undefined ? {} : { dashboardUrl: options.dashboardUrl })}
      />,
      {
        exitOnCtrlC: false,
        incrementalRendering: false,
        maxFps: 20,
      },
    );
    // A signal would end the process without Node's 'exit' event: give the terminal back first, then
    // end with the conventional status (128 + signal number).
    const onSignal = (signal: NodeJS.Signals) => {
      instance.unmount();
      restore();
      process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 1));
    };
    const handleSignals = options.exitOnSignal !== false;
    if (handleSignals) for (const signal of HANDLED_SIGNALS) process.once(signal, onSignal);
    void options.closeWhen?.then(() => instance.unmount());
    void options.freezeWhen?.then(() => feed.close());
    try {
      await instance.waitUntilExit();
    } finally {
      for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
    }
  } finally {
    stdout.off('resize', onResize);
    feed.close();
    restore();
    process.off('exit', restore);
  }
}

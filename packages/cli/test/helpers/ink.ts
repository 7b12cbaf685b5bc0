/** Driving the console under ink-testing-library: keys as a terminal sends them, and waiting for the frame. */
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { App, type AppProps } from '../../src/console/App.tsx';

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  escape: '\u001b',
  enter: '\r',
  backspace: '\u007f',
} as const;

export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Console {
  frame(): string;
  press(...keys: string[]): Promise<string>;
  /** Waits for React to render what the source just got. */
  refresh(): Promise<string>;
  /** The table's data rows (header left out), each trimmed of the border: label first. */
  rows(): string[];
  unmount(): void;
}

export function renderConsole(props: AppProps): Console {
  const instance = render(createElement(App, { size: { columns: 100, rows: 24 }, ...props }));
  const frame = () => instance.lastFrame() ?? '';
  // A key's frame may come a little later on a loaded machine: wait until frames stop arriving.
  const quiet = async (ms: number) => {
    let seen = -1;
    while (seen !== instance.frames.length) {
      seen = instance.frames.length;
      await settle(ms);
    }
  };
  return {
    frame,
    async press(...keys) {
      for (const key of keys) {
        instance.stdin.write(key);
        // A lone Escape is told apart from an escape sequence only after a pause.
        await quiet(key === KEYS.escape ? 80 : 30);
      }
      return frame();
    },
    async refresh() {
      await quiet(30);
      return frame();
    },
    rows() {
      return frame()
        .split('\n')
        .filter((line) => /^[┃│]\S/.test(line))
        .map((line) => line.slice(1).trim())
        .slice(1);
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

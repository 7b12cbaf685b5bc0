/**
 * The private directory a run shares with the program's preload: `server.json` says where the metrics
 * server listens, `report.txt` holds the exit report (names fixed by hotpath's `auto/run-claim.ts`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_FILE = 'server.json';
const REPORT_FILE = 'report.txt';

export interface RunDirectory {
  readonly path: string;
  /** The metrics server's URL once the program's first process says it listens; null if it never does. */
  serverUrl(ended: Promise<unknown>): Promise<string | null>;
  report(): string;
  remove(): void;
}

export function makeRunDirectory(): RunDirectory {
  const path = mkdtempSync(join(tmpdir(), 'hotpath-run-'));
  const serverFile = join(path, SERVER_FILE);
  return {
    path,
    serverUrl(ended) {
      return new Promise((resolve) => {
        // Watch first, then look: a file written in between is seen by the look, never missed.
        let done = false;
        const watcher = watch(path, () => check());
        const finish = (url: string | null) => {
          if (done) return;
          done = true;
          watcher.close();
          resolve(url);
        };
        const check = () => {
          if (!existsSync(serverFile)) return;
          try {
            finish((JSON.parse(readFileSync(serverFile, 'utf8')) as { url: string }).url);
          } catch {
            // Written by rename, so never half there; an unreadable file means no console, not a crash.
            finish(null);
          }
        };
        void ended.then(() => {
          check();
          finish(null);
        });
        check();
      });
    },
    report() {
      try {
        return readFileSync(join(path, REPORT_FILE), 'utf8');
      } catch {
        return '';
      }
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

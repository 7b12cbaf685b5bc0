import { realpathSync } from 'node:fs';

/**
 * Node programs whose job is to start another Node process (`npm run`, `npx`, tsx's command line,
 * nodemon): under `hotpath run` they pass the claim on to the program they start instead of taking it.
 */
const LAUNCHERS = [
  /[\\/]npm[\\/]bin[\\/]np[mx]-cli\.js$/,
  /[\\/]corepack[\\/]/,
  /[\\/]pnpm[\\/]bin[\\/]pnpm\.c?js$/,
  /[\\/]yarn[\\/]bin[\\/]yarn\.c?js$/,
  /[\\/]tsx[\\/]dist[\\/]cli\.[cm]?js$/,
  /[\\/]nodemon[\\/]bin[\\/]nodemon\.js$/,
];

export function isLauncher(script: string | undefined): boolean {
  if (script === undefined) return false;
  let path = script;
  try {
    path = realpathSync(script);
  } catch {
    // A script Node could run but we cannot resolve (deleted since): judge it by the name it was given.
  }
  return LAUNCHERS.some((pattern) => pattern.test(path));
}

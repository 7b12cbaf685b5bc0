/** `hotpath/text`: how hotpath writes the program's strings to a terminal, shared with the console. */

export { siteStateSummary } from './site-state.js';
export { clipWidth, displayWidth, escapeControl, fitWidth, wrapWidth } from './terminal-text.js';

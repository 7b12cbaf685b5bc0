/** One polling helper for both packages' tests. */
export { waitFor } from '../../../hotpath/test/helpers/wait.ts';

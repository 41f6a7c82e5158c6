/** Whether a profile scans once (`isSingleRunScan`) or on a `schedule`. */
export type RunMode = 'oneTime' | 'scheduled';

/** The profile as a PUT sends it back: BigID may replace the whole profile with the body. */
export { writableFields } from './object';

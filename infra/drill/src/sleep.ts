/**
 * Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. The app's own
 * (web/src/shared/api/region-fallback.ts), which the drill's viewers already run.
 */
export { abortableSleep as sleep } from '@stride/web/region-fallback';

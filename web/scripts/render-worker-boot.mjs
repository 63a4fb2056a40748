// A render worker's entry: registers tsx in this thread (a worker's --import does not load a
// TypeScript entry on Node 20), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');

import { parentPort, workerData } from 'node:worker_threads';
import { loadEntryServer, renderPagesTo, type RenderShare } from './prerender';

// A worker thread of a full build (prerender.ts renderInWorkers): renders its share of the pages.
const share = workerData as RenderShare;
const entry = await loadEntryServer(share.serverDir);
await renderPagesTo(entry, share.template, share.pages, share.catalog, share.outDir, share.asOf);
parentPort?.postMessage(share.pages.length);

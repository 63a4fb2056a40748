import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { watchHandle, WatchRoute } from '../../../../../src/app/routes/watch';

// As route-table.tsx's lazy route: session, player and the /api client are installed before the
// component renders (framework mode splits route modules, so this loads with the route).
await ensureApiFeatures();

// The real route table returns this handle from its lazy route, with the player's code.
export const handle = watchHandle;
export default WatchRoute;

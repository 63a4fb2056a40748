import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { WatchRoute } from '../../../../../src/app/routes/watch';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: session, player and the /api client are installed before the
// component renders (framework mode splits route modules, so this loads with the route).
await ensureApiFeatures();

export const handle = handleOf('watch/:id');
export default WatchRoute;

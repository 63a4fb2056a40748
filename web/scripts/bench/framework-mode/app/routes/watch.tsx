import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { LazyRouteBoundary } from '../../../../../src/app/lazy-route';
import { watchHandle, WatchRoute } from '../../../../../src/app/routes/watch';

// As route-table.tsx's lazy route: session, player and the /api client are installed before the
// component renders (framework mode splits route modules, so this loads with the route).
await ensureApiFeatures();

// The real route table's watch handle reads this one once the player's code is in.
export const handle = watchHandle;
// In the Suspense boundary route-table.tsx's lazy routes render in: the same markup.
export default function WatchPage() {
  return (
    <LazyRouteBoundary>
      <WatchRoute />
    </LazyRouteBoundary>
  );
}

import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { JoinRoute } from '../../../../../src/app/routes/join';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: the session feature and the /api client load with the route.
await ensureApiFeatures();

export const handle = handleOf('join');
export default JoinRoute;

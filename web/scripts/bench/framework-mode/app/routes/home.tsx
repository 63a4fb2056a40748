import { HomeRoute } from '../../../../../src/app/routes/home';
import { handleOf } from '../route-handles';

export const handle = handleOf(undefined);
export default HomeRoute;

import { NotFoundRoute } from '../../../../../src/app/routes/not-found';
import { handleOf } from '../route-handles';

export const handle = handleOf('*');
export default NotFoundRoute;

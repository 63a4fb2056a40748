import { ProgramRoute } from '../../../../../src/app/routes/program';
import { handleOf } from '../route-handles';

export const handle = handleOf('programs/:slug');
export default ProgramRoute;

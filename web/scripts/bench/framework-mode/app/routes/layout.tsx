import { RootLayout } from '../../../../../src/app/routes/layout';

export default RootLayout;

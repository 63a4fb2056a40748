import { createStrideApp } from './app';

// The entry `cdk` runs (npm run deploy): the CLI sets the output folder through CDK_OUTDIR.
// The config comes from STRIDE_CONFIG, else infra/cdk/config/stride.config.json.
createStrideApp().app.synth();

import { setUpTestEnvironment, tearDownTestEnvironment } from './helpers/environment';

/** Mocha global fixtures: the services every test file shares, set up once per run. */
export async function mochaGlobalSetup(): Promise<void> {
  await setUpTestEnvironment();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await tearDownTestEnvironment();
}

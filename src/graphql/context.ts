import type { Logger } from '../logger';
import type { Principal } from '../organizations/auth';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** Built per request: who is calling and the services resolvers delegate to. */
export interface GraphQLContext {
  principal: Principal;
  services: Services;
  logger: Logger;
  loaders: Loaders;
}

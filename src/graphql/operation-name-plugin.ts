import type { ApolloServerPlugin } from '@apollo/server';
import { requestScope } from '../request-scope';

/** Tells the access log which GraphQL operation a request ran (its name, once resolved). */
export function operationNamePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          const scope = requestScope.getStore();
          const name = request.operationName ?? request.operation?.name?.value;
          if (scope && name) scope.operationName = name;
        },
      };
    },
  };
}

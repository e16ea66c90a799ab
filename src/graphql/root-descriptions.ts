import { GraphQLObjectType, GraphQLSchema } from 'graphql';

/**
 * TypeGraphQL builds the Query and Mutation types itself and offers no option to describe them,
 * so their descriptions are set on the built schema (the SDL analysts read has every type described).
 */
const descriptions = {
  Query: "Reads. Every field except scheduledJobs needs an organisation's API key and sees only that organisation's data.",
  Mutation: "Writes. createOrganization, createApiKey, revokeApiKey and runJob need the admin key; the rest an organisation's API key, acting on that organisation only.",
} as const;

export function withRootDescriptions(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const describe = (type: GraphQLObjectType | null | undefined): GraphQLObjectType | null | undefined =>
    type && type.name in descriptions ? new GraphQLObjectType({ ...type.toConfig(), description: descriptions[type.name as keyof typeof descriptions] }) : type;
  const query = describe(config.query);
  const mutation = describe(config.mutation);
  const replaced = new Set([query?.name, mutation?.name]);
  return new GraphQLSchema({
    ...config,
    query,
    mutation,
    types: config.types.filter((type) => !replaced.has(type.name)),
  });
}

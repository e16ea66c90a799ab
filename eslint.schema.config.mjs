// Schema lint (npm run lint:schema): the committed SDL, as analysts and typed clients read it.
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['schema/schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      '@graphql-eslint/require-description': [
        'error',
        { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true },
      ],
      '@graphql-eslint/naming-convention': [
        'error',
        {
          types: 'PascalCase',
          FieldDefinition: 'camelCase',
          InputValueDefinition: 'camelCase',
          Argument: 'camelCase',
          // MetricConcept keeps the spec's lower snake case values (the strings the API has always returned).
          EnumValueDefinition: { style: 'UPPER_CASE', ignorePattern: '^(return_on_spend|acquisition_cost|conversion_rate|revenue)$' },
        },
      ],
      '@graphql-eslint/no-unreachable-types': 'error',
    },
  },
];

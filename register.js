// Loads TypeScript sources at run time. ts-node in transpile-only mode keeps decorator metadata
// (type-graphql needs it; esbuild-based loaders drop it). Type checking is `npm run typecheck`.
require('ts-node').register({ transpileOnly: true, project: require('path').join(__dirname, 'tsconfig.json') });
require('reflect-metadata');

import 'reflect-metadata';
import { loadConfig } from './src/config';
import { makeDataSource } from './src/db/data-source';
import { embeddedDatabaseUrl } from './src/db/database-url';

/**
 * The DataSource of the TypeORM CLI (`typeorm-ts-node-commonjs -d ormconfig.ts …`). With no
 * DATABASE_URL it points at the embedded PostgreSQL (`npm run migration:run` starts it first).
 */
const config = loadConfig();
export default makeDataSource(config.databaseUrl ?? embeddedDatabaseUrl(config), config.dbPoolSize);

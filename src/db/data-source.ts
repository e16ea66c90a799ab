import { DataSource } from 'typeorm';
import path from 'node:path';
import { entities } from './entities';

/**
 * The one DataSource factory: the app, the CLIs, the tests and `ormconfig.ts` (the TypeORM
 * migration CLI) all build their connection here. `synchronize` is never on: the schema is
 * the migrations'.
 */
export function makeDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'paperrun-reporting' },
  });
}

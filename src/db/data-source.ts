import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import path from 'node:path';
import { entities } from './entities';

/**
 * The one DataSource factory: the app, the CLIs, the tests and `ormconfig.ts` (the TypeORM
 * migration CLI) all build their connection here. `synchronize` is never on: the schema is
 * the migrations'.
 */
/** Counts every statement (for the paperrun_db_queries_total metric); logs nothing. */
class CountingLogger implements TypeOrmLogger {
  constructor(private readonly onQuery: () => void) {}
  logQuery(): void {
    this.onQuery();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function makeDataSource(url: string, poolSize = 10, options: { onQuery?: () => void } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? new CountingLogger(options.onQuery) : undefined,
    extra: { max: poolSize, application_name: 'paperrun-reporting' },
  });
}

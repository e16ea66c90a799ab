import type { Logger } from '../logger';
import { makeDataSource } from './data-source';

/** Applies pending migrations; several processes starting at once serialise on an advisory lock. */
export async function migrateDatabase(url: string, logger: Logger): Promise<string[]> {
  const dataSource = makeDataSource(url, 2);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtextextended('paperrun:migrations', 0))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger.info({ migration: migration.name }, 'migration applied');
    return applied.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtextextended('paperrun:migrations', 0))`).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

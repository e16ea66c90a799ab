import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `campaigns_id_key` (UNIQUE (id)): Citus cannot enforce a unique constraint that lacks
 * the distribution column, so the table could not be distributed by org_id with it. Nothing
 * references it (every foreign key to campaigns is (org_id, id), the primary key) and every
 * lookup names the organisation; ids stay unique as random UUIDs. Checked by
 * test/integration/citus-catalogue.test.ts.
 */
export class CampaignIdKeyedByOrg1732300000017 implements MigrationInterface {
  name = 'CampaignIdKeyedByOrg1732300000017';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP CONSTRAINT campaigns_id_key`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD CONSTRAINT campaigns_id_key UNIQUE (id)`);
  }
}

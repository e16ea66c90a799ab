import type { Db } from '../db/db';

export interface OrganizationRow {
  id: string;
  name: string;
  timezone: string;
  reporting_enabled: boolean;
  created_at: Date;
}

const COLUMNS = 'id, name, timezone, reporting_enabled, created_at';

export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  insert(input: { name: string; timezone: string; reportingEnabled: boolean }): Promise<OrganizationRow | null> {
    return this.db.row<OrganizationRow>(
      `INSERT INTO organizations (name, timezone, reporting_enabled) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [input.name, input.timezone, input.reportingEnabled],
    );
  }

  findById(id: string): Promise<OrganizationRow | null> {
    return this.db.row<OrganizationRow>(`SELECT ${COLUMNS} FROM organizations WHERE id = $1`, [id]);
  }

  /** Every organisation, by name (for CLIs that pick one). */
  listAll(): Promise<OrganizationRow[]> {
    return this.db.rows<OrganizationRow>(`SELECT ${COLUMNS} FROM organizations ORDER BY name, id`);
  }

  async isTimezoneKnownToDatabase(timezone: string): Promise<boolean> {
    const row = await this.db.row<{ known: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS known',
      [timezone],
    );
    return row?.known === true;
  }
}

import type { Db } from '../db/db';

export interface OrganizationClock {
  /** The organisation's IANA time zone. */
  timezone: string;
  /** Today's date there, YYYY-MM-DD, by the database's clock. */
  today: string;
}

/** The organisation's time zone and local date (null: no such organisation). */
export function organizationClock(db: Db, orgId: string): Promise<OrganizationClock | null> {
  return db.row<OrganizationClock>(
    `SELECT timezone, to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today FROM organizations WHERE id = $1`,
    [orgId],
  );
}

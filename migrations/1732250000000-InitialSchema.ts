import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole data model of spec §3. Every tenant table leads its keys with org_id (the Citus
 * distribution column), and child rows reference their parent through (org_id, id) composite
 * foreign keys, so the database itself refuses a row whose organisation differs from its parent's.
 */
export class InitialSchema1732250000000 implements MigrationInterface {
  name = 'InitialSchema1732250000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE organizations (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        timezone          text NOT NULL DEFAULT 'UTC',
        reporting_enabled boolean NOT NULL DEFAULT true,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE api_keys (
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        label        text CHECK (label IS NULL OR length(label) <= 200),
        key_prefix   text NOT NULL,
        key_hash     bytea NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz,
        revoked_at   timestamptz,
        PRIMARY KEY (org_id, id),
        UNIQUE (id),
        UNIQUE (key_hash)
      )`);

    await q.query(`
      CREATE TABLE campaigns (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        external_id     text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
        holdout_enabled boolean NOT NULL DEFAULT false,
        holdout_percent double precision,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (id),
        UNIQUE (org_id, external_id),
        CONSTRAINT campaigns_holdout_percent_range
          CHECK (holdout_percent IS NULL OR (holdout_enabled AND holdout_percent > 0 AND holdout_percent < 100))
      )`);

    await q.query(`
      CREATE TABLE campaign_recipients (
        id          bigint GENERATED ALWAYS AS IDENTITY,
        org_id      uuid NOT NULL,
        campaign_id uuid NOT NULL,
        external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        is_holdout  boolean NOT NULL,
        send_date   date,
        cost        numeric(14, 4) NOT NULL CHECK (cost >= 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, campaign_id, id),
        UNIQUE (org_id, campaign_id, external_id),
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE CASCADE,
        CONSTRAINT campaign_recipients_holdout_never_sent CHECK (NOT (is_holdout AND send_date IS NOT NULL))
      )`);
    // Cost and mailers are grouped by (campaign, send day, holdout side) for every stats request.
    await q.query(`
      CREATE INDEX campaign_recipients_stats_idx
        ON campaign_recipients (org_id, campaign_id, is_holdout, send_date) INCLUDE (cost)`);
    // The mailing list pages by external id in byte order, whatever the database's collation.
    await q.query(`
      CREATE INDEX campaign_recipients_page_idx
        ON campaign_recipients (org_id, campaign_id, (external_id COLLATE "C"))`);

    // withdrawn_at is the tombstone: a withdrawn order keeps its row (and its unique order id),
    // so the aggregation job can find the bucket it left, and re-recording brings it back.
    await q.query(`
      CREATE TABLE attributions (
        id               bigint GENERATED ALWAYS AS IDENTITY,
        org_id           uuid NOT NULL,
        campaign_id      uuid NOT NULL,
        recipient_id     bigint NOT NULL,
        order_id         text NOT NULL CHECK (length(order_id) BETWEEN 1 AND 200),
        order_date       timestamptz NOT NULL,
        revenue          numeric(14, 2) NOT NULL CHECK (revenue >= 0),
        order_count      integer NOT NULL CHECK (order_count >= 1),
        is_subscription  boolean NOT NULL DEFAULT false,
        discount_matched boolean NOT NULL DEFAULT false,
        withdrawn_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, campaign_id, order_id),
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE CASCADE,
        FOREIGN KEY (org_id, campaign_id, recipient_id)
          REFERENCES campaign_recipients (org_id, campaign_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE INDEX attributions_campaign_date_idx
        ON attributions (org_id, campaign_id, order_date) WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX attributions_recipient_idx ON attributions (org_id, campaign_id, recipient_id)`);

    // The change log the aggregation job consumes: one row per statement and touched
    // (campaign, recipient, order instant), old and new versions both, written by a trigger so
    // that every writer (GraphQL, CSV COPY, a hand-run UPDATE) leaves a trace.
    await q.query(`
      CREATE TABLE attribution_changes (
        id           bigint GENERATED ALWAYS AS IDENTITY,
        org_id       uuid NOT NULL,
        campaign_id  uuid NOT NULL,
        recipient_id bigint NOT NULL,
        order_date   timestamptz NOT NULL,
        changed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id)
      )`);
    await q.query(`CREATE INDEX attribution_changes_id_idx ON attribution_changes (id)`);
    await q.query(`
      CREATE FUNCTION log_attribution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT DISTINCT org_id, campaign_id, recipient_id, order_date FROM new_rows;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT org_id, campaign_id, recipient_id, order_date FROM old_rows
          UNION
          SELECT org_id, campaign_id, recipient_id, order_date FROM new_rows;
        ELSE
          INSERT INTO attribution_changes (org_id, campaign_id, recipient_id, order_date)
          SELECT DISTINCT org_id, campaign_id, recipient_id, order_date FROM old_rows;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER attributions_log_insert AFTER INSERT ON attributions
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_attribution_changes()`);
    await q.query(`
      CREATE TRIGGER attributions_log_update AFTER UPDATE ON attributions
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_attribution_changes()`);
    await q.query(`
      CREATE TRIGGER attributions_log_delete AFTER DELETE ON attributions
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_attribution_changes()`);

    await q.query(`
      CREATE TABLE attribution_aggregates_daily (
        org_id       uuid NOT NULL,
        campaign_id  uuid NOT NULL,
        day          date NOT NULL,
        is_holdout   boolean NOT NULL,
        metrics      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metrics) = 'object'),
        last_updated timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, campaign_id, day, is_holdout),
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE funnel_entries (
        id                       bigint GENERATED ALWAYS AS IDENTITY,
        org_id                   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        email                    text NOT NULL CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
        funnel_type              text NOT NULL CHECK (funnel_type IN ('language', 'non_language')),
        test_id                  text NOT NULL CHECK (length(test_id) BETWEEN 1 AND 200),
        user_id                  text CHECK (user_id IS NULL OR length(user_id) <= 200),
        source                   text CHECK (source IS NULL OR length(source) BETWEEN 1 AND 200),
        entered_at               timestamptz NOT NULL DEFAULT now(),
        certificate_purchased    boolean NOT NULL DEFAULT false,
        certificate_purchased_at timestamptz,
        created_at               timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id),
        CONSTRAINT funnel_entries_idempotency UNIQUE (org_id, email, funnel_type, test_id),
        CONSTRAINT funnel_entries_purchase_consistent CHECK (
          certificate_purchased = (certificate_purchased_at IS NOT NULL)
          AND (certificate_purchased_at IS NULL OR certificate_purchased_at >= entered_at))
      )`);
    await q.query(`CREATE INDEX funnel_entries_entered_idx ON funnel_entries (org_id, entered_at)`);

    await q.query(`
      CREATE TABLE brevo_sync_outbox (
        id              bigint GENERATED ALWAYS AS IDENTITY,
        org_id          uuid NOT NULL,
        funnel_entry_id bigint NOT NULL,
        operation       text NOT NULL CHECK (operation IN ('upsert_contact', 'update_contact')),
        payload         jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'success', 'failed')),
        retry_count     integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
        next_attempt_at timestamptz,
        locked_until    timestamptz,
        locked_by       text,
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        processed_at    timestamptz,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, funnel_entry_id) REFERENCES funnel_entries (org_id, id) ON DELETE CASCADE,
        CONSTRAINT brevo_sync_outbox_terminal_not_scheduled CHECK (status = 'pending' OR next_attempt_at IS NULL)
      )`);
    // The worker claims across organisations: only pending rows are indexed.
    await q.query(`
      CREATE INDEX brevo_sync_outbox_due_idx ON brevo_sync_outbox (next_attempt_at NULLS FIRST, id)
        WHERE status = 'pending'`);
    await q.query(`CREATE INDEX brevo_sync_outbox_entry_idx ON brevo_sync_outbox (org_id, funnel_entry_id, id)`);
    await q.query(`CREATE INDEX brevo_sync_outbox_org_idx ON brevo_sync_outbox (org_id, status, created_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE brevo_sync_outbox`);
    await q.query(`DROP TABLE funnel_entries`);
    await q.query(`DROP TABLE attribution_aggregates_daily`);
    await q.query(`DROP TABLE attributions`);
    await q.query(`DROP FUNCTION log_attribution_changes()`);
    await q.query(`DROP TABLE attribution_changes`);
    await q.query(`DROP TABLE campaign_recipients`);
    await q.query(`DROP TABLE campaigns`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE organizations`);
  }
}

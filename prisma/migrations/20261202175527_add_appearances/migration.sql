-- Sources' text (source_texts, 1:1, read only when asked for) and appearances: where a claim appears, anchored to the
-- passage of the text by a W3C Web Annotation quote and position, with whether the passage stands there
-- (src/modules/appearances/). Every claim with a source gets its first appearance; history covers both new tables.

-- CreateEnum
CREATE TYPE "appearance_verification" AS ENUM ('VERIFIED', 'UNVERIFIED', 'BROKEN');

-- CreateTable
CREATE TABLE "source_texts" (
    "source_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "language" TEXT,
    "retrieved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "source_texts_pkey" PRIMARY KEY ("source_id")
);

-- CreateTable
CREATE TABLE "appearances" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "exact" TEXT,
    "prefix" TEXT,
    "suffix" TEXT,
    "start_offset" INTEGER,
    "end_offset" INTEGER,
    "start_seconds" DOUBLE PRECISION,
    "end_seconds" DOUBLE PRECISION,
    "is_first" BOOLEAN NOT NULL DEFAULT false,
    "verification" "appearance_verification" NOT NULL DEFAULT 'UNVERIFIED',
    "closest_start" INTEGER,
    "closest_end" INTEGER,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "appearances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "appearances_claim_id_id_idx" ON "appearances"("claim_id", "id");

-- CreateIndex
CREATE INDEX "appearances_source_id_id_idx" ON "appearances"("source_id", "id");

-- AddForeignKey
ALTER TABLE "source_texts" ADD CONSTRAINT "source_texts_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand from here: what Prisma cannot express.

-- Uncompressed out of line, so that substring() around a quote (Appearance.context) reads only the chunks it needs.
ALTER TABLE "source_texts" ALTER COLUMN "content" SET STORAGE EXTERNAL;

-- At most one first appearance per claim; claims.source_id is its source (src/modules/appearances/).
CREATE UNIQUE INDEX "appearances_first_per_claim_key" ON "appearances"("claim_id") WHERE "is_first";

-- A position is both ends or neither, in order; the same for the seconds and the closest match.
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_position_check"
  CHECK ((start_offset IS NULL) = (end_offset IS NULL) AND (start_offset IS NULL OR (0 <= start_offset AND start_offset <= end_offset)));
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_seconds_check"
  CHECK (start_seconds IS NULL OR end_seconds IS NULL OR (0 <= start_seconds AND start_seconds <= end_seconds));
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_closest_check"
  CHECK ((closest_start IS NULL) = (closest_end IS NULL) AND (closest_start IS NULL OR closest_start <= closest_end));
-- A position belongs to an anchor: it is where its exact text was found.
ALTER TABLE "appearances" ADD CONSTRAINT "appearances_anchor_check" CHECK (start_offset IS NULL OR exact IS NOT NULL);

-- record_history learns the column that names the entity (TG_ARGV[2], 'id' when absent): a source's text is keyed by
-- its source_id, and its entries carry the source's id. Otherwise as in add_api_keys_and_history.
CREATE OR REPLACE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor jsonb := nullif(current_setting('claimtrace.actor', true), '')::jsonb;
  entry_actor_kind actor_kind := coalesce((actor ->> 'kind')::actor_kind, 'DATABASE');
  entry_actor_key_id uuid := (actor ->> 'keyId')::uuid;
  entry_actor_name text := coalesce(actor ->> 'name', session_user || coalesce(' (' || nullif(current_setting('application_name', true), '') || ')', ''));
  entry_request_id text := actor ->> 'requestId';
  entry_reason text := nullif(current_setting('claimtrace.reason', true), '');
  entry_is_correction boolean := coalesce(nullif(current_setting('claimtrace.correction', true), '')::boolean, false);
  entity history_entity_type := TG_ARGV[0]::history_entity_type;
  claim_column text := TG_ARGV[1];
  id_column text := coalesce(TG_ARGV[2], 'id');
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (row_state ->> id_column)::uuid, (row_state ->> claim_column)::uuid, 'CREATE', entry_actor_kind, entry_actor_key_id, entry_actor_name,
           history_changes('{}'::jsonb, row_state), row_state, entry_reason, entry_is_correction, entry_request_id, clock_timestamp()
    FROM (SELECT to_jsonb(created) - 'search_vector' AS row_state FROM new_rows created) rows_created;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (new_state ->> id_column)::uuid, (new_state ->> claim_column)::uuid,
           CASE WHEN changed.changes ?| ARRAY['reviewStatus'] AND (SELECT count(*) FROM jsonb_object_keys(changed.changes)) = 1 THEN 'STATUS' ELSE 'UPDATE' END::history_action,
           entry_actor_kind, entry_actor_key_id, entry_actor_name, changed.changes, new_state, entry_reason, entry_is_correction, entry_request_id, clock_timestamp()
    FROM (
      SELECT to_jsonb(before_row) - 'search_vector' AS old_state, to_jsonb(after_row) - 'search_vector' AS new_state
      FROM old_rows before_row JOIN new_rows after_row ON (to_jsonb(after_row) ->> id_column) = (to_jsonb(before_row) ->> id_column)
    ) states
    CROSS JOIN LATERAL (SELECT history_changes(states.old_state, states.new_state) AS changes) changed
    -- A write that changed nothing but the timestamps (an update to the same values) is no change.
    WHERE changed.changes <> '{}'::jsonb;
  ELSE
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (row_state ->> id_column)::uuid, (row_state ->> claim_column)::uuid, 'DELETE', entry_actor_kind, entry_actor_key_id, entry_actor_name,
           history_changes(row_state, '{}'::jsonb), row_state, entry_reason, entry_is_correction, entry_request_id, clock_timestamp()
    FROM (SELECT to_jsonb(deleted) - 'search_vector' AS row_state FROM old_rows deleted) rows_deleted;
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  audited record;
BEGIN
  FOR audited IN SELECT * FROM (VALUES ('source_texts', 'SOURCE_TEXT', '', 'source_id'), ('appearances', 'APPEARANCE', 'claim_id', 'id'))
                                AS t(table_name, entity, claim_column, id_column)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L, %L)',
                   audited.table_name || '_history_insert', audited.table_name, audited.entity, audited.claim_column, audited.id_column);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L, %L)',
                   audited.table_name || '_history_update', audited.table_name, audited.entity, audited.claim_column, audited.id_column);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L, %L)',
                   audited.table_name || '_history_delete', audited.table_name, audited.entity, audited.claim_column, audited.id_column);
  END LOOP;
END
$$;

-- A UUIDv7 (RFC 9562) for the millisecond of `at`, as the application's uuid(7) makes them: rows written here list in
-- id order with those the application writes.
CREATE FUNCTION uuid_v7_at(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1),
    'hex')::uuid
$$;

-- claims.source_id is the source of the claim's first appearance, whatever path writes it (the API, the import, the
-- seed, psql): a claim given a source gets its first appearance there; one whose source changes has it moved (its
-- anchor kept, but no longer placed: UNVERIFIED until the application re-checks it, which updateClaim does in the same
-- transaction); one whose source is cleared loses it. The appearances service writes appearances first and the claim
-- after, so these find the first appearance already in step and do nothing. Named to fire after the claims' history
-- triggers (PostgreSQL fires a table's triggers in name order), so a claim's entry comes before its appearance's.
CREATE FUNCTION sync_first_appearance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM appearances a USING new_rows c
    WHERE a.claim_id = c.id AND a.is_first AND c.source_id IS NULL;
    UPDATE appearances a
    SET source_id = c.source_id, start_offset = NULL, end_offset = NULL, verification = 'UNVERIFIED', closest_start = NULL,
        closest_end = NULL, verified_at = NULL, updated_at = clock_timestamp()
    FROM new_rows c
    WHERE a.claim_id = c.id AND a.is_first AND c.source_id IS NOT NULL AND a.source_id <> c.source_id;
  END IF;
  INSERT INTO appearances (id, claim_id, source_id, is_first, verification, created_at, updated_at)
  SELECT uuid_v7_at(clock_timestamp()), c.id, c.source_id, true, 'UNVERIFIED', clock_timestamp(), clock_timestamp()
  FROM new_rows c
  WHERE c.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM appearances a WHERE a.claim_id = c.id AND a.is_first)
  ORDER BY c.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER claims_sync_first_appearance_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync_first_appearance();
CREATE TRIGGER claims_sync_first_appearance_update AFTER UPDATE ON claims REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sync_first_appearance();

-- Every claim with a source gets its first appearance there, without an anchor (UNVERIFIED), dated at the claim's
-- creation, so appearances list in the order of their claims. History records them under this migration.
SELECT set_config('claimtrace.actor', '{"kind":"MIGRATION","name":"migration add_appearances"}', false);
INSERT INTO appearances (id, claim_id, source_id, is_first, verification, created_at, updated_at)
SELECT uuid_v7_at(c.created_at), c.id, c.source_id, true, 'UNVERIFIED', c.created_at, c.created_at
FROM claims c
WHERE c.source_id IS NOT NULL
ORDER BY c.created_at, c.id;
SELECT set_config('claimtrace.actor', '', false);

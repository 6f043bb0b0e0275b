-- API keys with roles (src/auth/), and the history of every change (src/modules/history/): an append-only table
-- written by triggers in the transaction of each change, whatever path made it (the API, the import, the seed, psql).

-- CreateEnum
CREATE TYPE "role" AS ENUM ('VIEWER', 'EDITOR', 'REVIEWER', 'PUBLISHER', 'ADMIN');

-- CreateEnum
CREATE TYPE "history_entity_type" AS ENUM ('SPEAKER', 'SOURCE', 'CLAIM', 'REBUTTAL', 'REVIEW');

-- CreateEnum
CREATE TYPE "history_action" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'STATUS');

-- CreateEnum
CREATE TYPE "actor_kind" AS ENUM ('API_KEY', 'CLI', 'SEED', 'IMPORT', 'MIGRATION', 'DATABASE');

-- Idempotency keys become per API key (scope). Those stored so far were sent anonymously, which can no longer
-- mutate; they would expire within a day anyway.
DELETE FROM "idempotency_keys";

-- AlterTable
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey",
ADD COLUMN     "scope" UUID NOT NULL,
ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("scope", "key");

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "lookup_id" TEXT NOT NULL,
    "secret_sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "history_entries" (
    "id" BIGSERIAL NOT NULL,
    "entity_type" "history_entity_type" NOT NULL,
    "entity_id" UUID NOT NULL,
    "claim_id" UUID,
    "action" "history_action" NOT NULL,
    "actor_kind" "actor_kind" NOT NULL,
    "actor_key_id" UUID,
    "actor_name" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "state" JSONB NOT NULL,
    "reason" TEXT,
    "is_correction" BOOLEAN NOT NULL DEFAULT false,
    "request_id" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "history_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_lookup_id_key" ON "api_keys"("lookup_id");

-- CreateIndex
CREATE INDEX "history_entries_entity_type_entity_id_id_idx" ON "history_entries"("entity_type", "entity_id", "id");

-- CreateIndex
CREATE INDEX "history_entries_claim_id_id_idx" ON "history_entries"("claim_id", "id");

-- CreateIndex
CREATE INDEX "history_entries_actor_key_id_id_idx" ON "history_entries"("actor_key_id", "id");

-- Written by hand from here: what Prisma cannot express.

-- The API's name of a column: review_status -> reviewStatus.
CREATE FUNCTION history_field_name(column_name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(left(words, 1)) || substr(words, 2) FROM (SELECT replace(initcap(replace(column_name, '_', ' ')), ' ', '') AS words) named
$$;

-- The fields that differ between two states of a row, as { field: { before, after } } (a missing field reads as null);
-- the id and the timestamps the database keeps are left out.
CREATE FUNCTION history_changes(old_state jsonb, new_state jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(
    jsonb_object_agg(
      history_field_name(key),
      jsonb_build_object('before', coalesce(old_state -> key, 'null'::jsonb), 'after', coalesce(new_state -> key, 'null'::jsonb))
    ),
    '{}'::jsonb
  )
  FROM jsonb_object_keys(old_state || new_state) AS key
  WHERE key NOT IN ('id', 'created_at', 'updated_at')
    AND coalesce(old_state -> key, 'null'::jsonb) IS DISTINCT FROM coalesce(new_state -> key, 'null'::jsonb)
$$;

-- Records the rows a statement created, changed or deleted, one entry each, set-based over the statement's transition
-- tables (a bulk import pays one INSERT ... SELECT per statement, not a function call per row). TG_ARGV: the entity
-- type, and the column naming the claim the row belongs to ('' for none). The actor, the reason and whether the change
-- corrects a published verdict are the transaction's settings claimtrace.actor (JSON: kind, keyId, name, requestId),
-- claimtrace.reason and claimtrace.correction, which the application sets at the start of every write transaction;
-- a write that set none (psql, a script) is recorded under its database role as a DATABASE actor.
CREATE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql AS $$
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
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (row_state ->> 'id')::uuid, (row_state ->> claim_column)::uuid, 'CREATE', entry_actor_kind, entry_actor_key_id, entry_actor_name,
           history_changes('{}'::jsonb, row_state), row_state, entry_reason, entry_is_correction, entry_request_id, clock_timestamp()
    FROM (SELECT to_jsonb(created) - 'search_vector' AS row_state FROM new_rows created) rows_created;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (new_state ->> 'id')::uuid, (new_state ->> claim_column)::uuid,
           CASE WHEN changed.changes ?| ARRAY['reviewStatus'] AND (SELECT count(*) FROM jsonb_object_keys(changed.changes)) = 1 THEN 'STATUS' ELSE 'UPDATE' END::history_action,
           entry_actor_kind, entry_actor_key_id, entry_actor_name, changed.changes, new_state, entry_reason, entry_is_correction, entry_request_id, clock_timestamp()
    FROM (
      SELECT to_jsonb(before_row) - 'search_vector' AS old_state, to_jsonb(after_row) - 'search_vector' AS new_state
      FROM old_rows before_row JOIN new_rows after_row ON after_row.id = before_row.id
    ) states
    CROSS JOIN LATERAL (SELECT history_changes(states.old_state, states.new_state) AS changes) changed
    -- A write that changed nothing but the timestamps (an update to the same values) is no change.
    WHERE changed.changes <> '{}'::jsonb;
  ELSE
    INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_key_id, actor_name, changes, state, reason, is_correction, request_id, recorded_at)
    SELECT entity, (row_state ->> 'id')::uuid, (row_state ->> claim_column)::uuid, 'DELETE', entry_actor_kind, entry_actor_key_id, entry_actor_name,
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
  FOR audited IN SELECT * FROM (VALUES ('speakers', 'SPEAKER', ''), ('sources', 'SOURCE', ''), ('claims', 'CLAIM', 'id'),
                                       ('rebuttals', 'REBUTTAL', 'claim_id'), ('reviews', 'REVIEW', 'claim_id')) AS t(table_name, entity, claim_column)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L)',
                   audited.table_name || '_history_insert', audited.table_name, audited.entity, audited.claim_column);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L)',
                   audited.table_name || '_history_update', audited.table_name, audited.entity, audited.claim_column);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history(%L, %L)',
                   audited.table_name || '_history_delete', audited.table_name, audited.entity, audited.claim_column);
  END LOOP;
END
$$;

-- History is append-only: nothing may change or remove an entry, whatever the role (TRUNCATE included).
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER history_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON history_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- The records that exist before history begins: each gets a CREATE entry with its state now, dated at its creation.
INSERT INTO history_entries (entity_type, entity_id, claim_id, action, actor_kind, actor_name, changes, state, recorded_at)
SELECT entity::history_entity_type, (row_state ->> 'id')::uuid, (row_state ->> claim_column)::uuid, 'CREATE', 'MIGRATION',
       'migration add_api_keys_and_history', history_changes('{}'::jsonb, row_state), row_state, created_at
FROM (
  SELECT 'SPEAKER' AS entity, '' AS claim_column, to_jsonb(s) AS row_state, s.created_at FROM speakers s
  UNION ALL SELECT 'SOURCE', '', to_jsonb(s), s.created_at FROM sources s
  UNION ALL SELECT 'CLAIM', 'id', to_jsonb(c) - 'search_vector', c.created_at FROM claims c
  UNION ALL SELECT 'REBUTTAL', 'claim_id', to_jsonb(r), r.created_at FROM rebuttals r
  UNION ALL SELECT 'REVIEW', 'claim_id', to_jsonb(v), v.created_at FROM reviews v
) existing
ORDER BY created_at, entity;

-- Search: full-text search over claims (with their speakers' and sources' names) and speaker lookup by partial name
-- or alias. Prisma's schema language cannot express the functions, the expression index and the triggers below,
-- so they are written by hand. Both extensions ship with PostgreSQL's contrib and with PGlite (loaded in src/db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Folds text for matching names: lower case, accents removed, punctuation and runs of white space as one space.
-- IMMUTABLE (unaccent with a fixed dictionary does not change) so that an index can use it.
CREATE FUNCTION "fold_for_search"(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[[:punct:][:space:]]+', ' ', 'g'));

-- A speaker's name and aliases, each folded, joined by " | " (which folded text never contains, so a match cannot
-- span two names). IMMUTABLE as an index expression must be.
CREATE FUNCTION "speaker_search_text"(name text, aliases text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_to_string(ARRAY(SELECT "fold_for_search"(v) FROM unnest(name || coalesce(aliases, '{}')) AS v), ' | ');

-- AlterTable
ALTER TABLE "speakers" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Trigram index on the folded names, for speakers(search) matching any part of a name or alias. An index on an
-- expression, which Prisma's schema leaves alone (a generated column would read as drift on every diff).
CREATE INDEX "speakers_search_text_idx" ON "speakers" USING GIN ("speaker_search_text"("name", "aliases") gin_trgm_ops);

-- The search document of a claim: its text (weight A), its speaker's name and aliases (B), its source's title and
-- publisher (C, the least specific: every claim of an article shares them).
CREATE FUNCTION "claim_search_vector"(claim_text text, claim_speaker_id uuid, claim_source_id uuid) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('english', claim_text), 'A')
    || setweight(to_tsvector('english', coalesce((SELECT "name" || ' ' || coalesce(array_to_string("aliases", ' '), '') FROM "speakers" WHERE "id" = claim_speaker_id), '')), 'B')
    || setweight(to_tsvector('english', coalesce((SELECT "title" || ' ' || coalesce("publisher", '') FROM "sources" WHERE "id" = claim_source_id), '')), 'C');

-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "search_vector" tsvector;

-- CreateIndex
CREATE INDEX "claims_search_vector_idx" ON "claims" USING GIN ("search_vector");

-- The document reads other tables, so it cannot be a generated column: triggers keep it, on the claim when its text,
-- speaker or source change, and on every claim of a speaker or source whose names change. Renames are rare and touch
-- one speaker's or source's claims, while searches then need one GIN index on one column, with no joins to match.
CREATE FUNCTION "claims_set_search_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_vector" := "claim_search_vector"(NEW."text", NEW."speaker_id", NEW."source_id");
  RETURN NEW;
END
$$;

CREATE TRIGGER "claims_search_vector" BEFORE INSERT OR UPDATE OF "text", "speaker_id", "source_id" ON "claims"
  FOR EACH ROW EXECUTE FUNCTION "claims_set_search_vector"();

-- One function for both tables: the trigger's argument names the claims column that points at the changed row.
CREATE FUNCTION "refresh_claim_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE "claims" SET "search_vector" = "claim_search_vector"("text", "speaker_id", "source_id") WHERE %I = $1', TG_ARGV[0])
    USING NEW."id";
  RETURN NULL;
END
$$;

CREATE TRIGGER "speakers_claim_search" AFTER UPDATE OF "name", "aliases" ON "speakers"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."aliases" IS DISTINCT FROM NEW."aliases")
  EXECUTE FUNCTION "refresh_claim_search"('speaker_id');

CREATE TRIGGER "sources_claim_search" AFTER UPDATE OF "title", "publisher" ON "sources"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."publisher" IS DISTINCT FROM NEW."publisher")
  EXECUTE FUNCTION "refresh_claim_search"('source_id');

-- Backfill the claims already recorded.
UPDATE "claims" SET "search_vector" = "claim_search_vector"("text", "speaker_id", "source_id");

-- Speakers with identities: a Wikidata item, other pages that stand for them (schema.org sameAs), and, for an
-- unnamed speaker ("a NATO official"), the speaker record of the organisation it speaks for. The history triggers
-- record the new columns as they do every column (wikidataId, sameAs, organizationId: history_field_name).

-- AlterTable
ALTER TABLE "speakers" ADD COLUMN     "organization_id" UUID,
ADD COLUMN     "same_as" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "wikidata_id" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "speakers_wikidata_id_key" ON "speakers"("wikidata_id");

-- CreateIndex
CREATE INDEX "speakers_organization_id_idx" ON "speakers"("organization_id");

-- AddForeignKey
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "speakers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand from here: what Prisma cannot express. The API checks the same (speaker.service.ts), naming the
-- field; these hold for every other path (the import, the seed, psql).
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_wikidata_id_check" CHECK ("wikidata_id" ~ '^Q[1-9][0-9]*$');
-- An unnamed speaker is no one that can be identified: its organisation stands for it.
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_unnamed_identity_check" CHECK ("is_named" OR ("wikidata_id" IS NULL AND "same_as" = '{}'));
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_organization_not_self_check" CHECK ("organization_id" <> "id");

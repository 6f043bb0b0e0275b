-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "source_kind" AS ENUM ('ARTICLE', 'TRANSCRIPT', 'PRESS_RELEASE', 'STATEMENT', 'SOCIAL_POST', 'OTHER');

-- CreateEnum
CREATE TYPE "claim_kind" AS ENUM ('QUOTE', 'PARAPHRASE');

-- CreateEnum
CREATE TYPE "rebuttal_stance" AS ENUM ('REFUTES', 'DISPUTES', 'QUALIFIES');

-- CreateTable
CREATE TABLE "speakers" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "affiliation" TEXT,
    "country" TEXT,
    "is_named" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "speakers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "publisher" TEXT,
    "author" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "kind" "source_kind" NOT NULL DEFAULT 'ARTICLE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claims" (
    "id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "claim_kind" NOT NULL,
    "stated_at" DATE,
    "speaker_id" UUID NOT NULL,
    "source_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rebuttals" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "counterclaim_id" UUID NOT NULL,
    "stance" "rebuttal_stance" NOT NULL,
    "rationale" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rebuttals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "speakers_slug_key" ON "speakers"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "sources_url_key" ON "sources"("url");

-- CreateIndex
CREATE INDEX "claims_speaker_id_id_idx" ON "claims"("speaker_id", "id");

-- CreateIndex
CREATE INDEX "claims_source_id_id_idx" ON "claims"("source_id", "id");

-- CreateIndex
CREATE INDEX "claims_stated_at_id_idx" ON "claims"("stated_at", "id");

-- CreateIndex
CREATE INDEX "rebuttals_counterclaim_id_claim_id_idx" ON "rebuttals"("counterclaim_id", "claim_id");

-- CreateIndex
CREATE UNIQUE INDEX "rebuttals_claim_id_counterclaim_id_key" ON "rebuttals"("claim_id", "counterclaim_id");

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rebuttals" ADD CONSTRAINT "rebuttals_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rebuttals" ADD CONSTRAINT "rebuttals_counterclaim_id_fkey" FOREIGN KEY ("counterclaim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A claim cannot rebut itself. Prisma's schema language has no CHECK constraints, so this one is kept by hand
-- (and comments here avoid semicolons: the pg driver adapter splits scripts on them).
ALTER TABLE "rebuttals" ADD CONSTRAINT "rebuttals_not_self_check" CHECK ("claim_id" <> "counterclaim_id");

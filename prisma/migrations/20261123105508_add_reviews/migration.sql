-- CreateEnum
CREATE TYPE "review_rating" AS ENUM ('TRUE', 'MOSTLY_TRUE', 'MIXED', 'MOSTLY_FALSE', 'FALSE', 'MISLEADING', 'UNPROVEN');

-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('UNREVIEWED', 'IN_REVIEW', 'REVIEWED', 'PUBLISHED');

-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "review_status" "review_status" NOT NULL DEFAULT 'UNREVIEWED';

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "rating" "review_rating" NOT NULL,
    "rating_text" TEXT,
    "summary" TEXT,
    "organization_name" TEXT NOT NULL,
    "organization_url" TEXT,
    "author_name" TEXT,
    "url" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "language" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reviews_url_key" ON "reviews"("url");

-- CreateIndex
CREATE INDEX "reviews_claim_id_id_idx" ON "reviews"("claim_id", "id");

-- CreateIndex
CREATE INDEX "claims_review_status_id_idx" ON "claims"("review_status", "id");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

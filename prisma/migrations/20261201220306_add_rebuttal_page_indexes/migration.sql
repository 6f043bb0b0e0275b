-- CreateIndex
CREATE INDEX "rebuttals_claim_id_id_idx" ON "rebuttals"("claim_id", "id");

-- CreateIndex
CREATE INDEX "rebuttals_counterclaim_id_id_idx" ON "rebuttals"("counterclaim_id", "id");

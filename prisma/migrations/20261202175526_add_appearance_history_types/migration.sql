-- The history kinds of the add_appearances migration, in a migration of their own: PostgreSQL refuses to use an enum
-- value in the transaction that added it, and add_appearances records history under them.

-- AlterEnum
ALTER TYPE "history_entity_type" ADD VALUE 'SOURCE_TEXT';
ALTER TYPE "history_entity_type" ADD VALUE 'APPEARANCE';

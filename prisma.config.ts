// Prisma 7 configuration, read by the Prisma CLI (generate, and migrate for users who have the native engine).
// The app itself reads its configuration from src/config.ts and applies migrations through src/db/migrator.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@localhost:5432/claimtrace' },
});

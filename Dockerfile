# claimtrace: the GraphQL API. `docker compose up -d` runs it beside PostgreSQL (docs/operations.md#docker).
#
# Node 22, the LTS still supported: Node 20 reached its end of life in April 2026. The project itself still runs (and
# is tested) on Node 20.19 or later, so building on another LTS only means changing this line.
ARG NODE_IMAGE=node:22-bookworm-slim

# Build stage: every dependency (TypeScript is a dev dependency), the Prisma client, then the compiled output.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# --ignore-scripts: @prisma/engines' postinstall would download a native schema engine that nothing uses (migrations
# run on @prisma/schema-engine-wasm); the one script that matters, the client generation, is run explicitly instead.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm run db:generate
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# bench/ is not copied: tsconfig.build.json compiles src, prisma and bench, and without bench/ it compiles the first
# two only, so no benchmark reaches the image. The generated client (src/generated, TypeScript) compiles into dist/src.
RUN npm run build

# Production dependencies only, installed apart from the build so that no dev dependency is left behind. No scripts:
# the postinstall (prisma generate) produced what dist/ already holds.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Runtime stage: what `node dist/src/index.js` reads, and nothing else. The project root is the folder of package.json;
# from it the server reads prisma/schema.prisma and prisma/migrations (applied at start) and prisma/seed/*.json (the
# seed of an empty database). Files stay root's: the server cannot rewrite its own code.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 PGLITE_DATA_DIR=/data/pglite
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY prisma/schema.prisma ./prisma/
COPY prisma/migrations ./prisma/migrations
COPY prisma/seed/*.json ./prisma/seed/
# The embedded database (used when DATABASE_URL is unset) and its lock file live in /data, the one writable place.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 4000
# Ready, not only alive: 503 while the database does not answer or the server is stopping. No curl in slim images.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself, not `npm start`: npm start builds first (prestart), and the image has no TypeScript. node handles
# SIGTERM (docker stop) and shuts down gracefully.
CMD ["node", "dist/src/index.js"]

# syntax=docker/dockerfile:1
# Node 24: the current LTS (Node 20 reached end of life in April 2026). CI also tests 20 and 22.
ARG NODE_IMAGE=node:24-bookworm-slim

# Stage 1: compile src/ to dist/. Needs the dev dependencies (typescript) but none of the install
# scripts: tsc is plain JavaScript, and `prepare` would build before src/ is copied.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Stage 2: production dependencies only, compiled for the runtime image's Node (same base image).
# --ignore-scripts because `prepare` runs the build, and typescript is not installed here. That also
# skips the dependencies' install scripts; better-sqlite3 is the only production package with one
# (test/packaging/image-inputs.test.ts checks this list against package-lock.json), so it is rebuilt by
# name: prebuild-install, or node-gyp with the toolchain below. jscpd's native binary comes from an
# optional platform package (jscpd-linux-x64-gnu / -arm64-gnu on glibc), which --omit=dev keeps.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3

# Stage 3: the runtime image, non-root, without compilers or TypeScript.
FROM ${NODE_IMAGE}
# The SQLite file and the env file with the app's credentials (yours, or written by the setup page,
# which runs only with NODE_ENV=development) live on the /data volume, which the node user owns;
# /app stays read-only to it.
ENV NODE_ENV=production PORT=3000 CONCORD_DB=/data/concord.db CONCORD_ENV_FILE=/data/.env
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json makes dist/*.js ES modules and gives the CLI its version; dist/main.js reads ../app.yml.
COPY package.json app.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]

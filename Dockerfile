# syntax=docker/dockerfile:1
#
# Production image of berichtenpoort: `docker build -t berichtenpoort .` then
# `docker run -p 8080:8080 -v berichtenpoort-data:/data berichtenpoort`.
#
# Base image: Node 26, the Active LTS line on 2026-11-24. Node 26 was promoted to LTS on 2026-10-28 and
# Node 24 "Krypton" moved to Maintenance LTS on 2026-10-20 (security fixes only, end of life 2028-04-30),
# so 26 is the line that gets fixes longest. Debian 13 "trixie" slim: PGlite and libxml2-wasm are
# WebAssembly, so no native toolchain is needed. Pin a digest (node:26-trixie-slim@sha256:...) in CI.

# --- build: all dependencies, compile TypeScript to dist/ ----------------------------------------------
FROM node:26-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and the compiled output only -------------------------------------
FROM node:26-trixie-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# dist/ is self-contained: compiled JS, codelists, migrations, routes.demo.json and the XSDs (dist/schemas).
# Owned by root, so the service cannot modify its own code.
COPY --from=build /app/dist ./dist

# Embedded ledger (PGlite) and filesystem archive live in DATA_DIR; the volume is owned by the `node` user
# (uid 1000) the service runs as. Mount a routing table and set ROUTES_FILE for anything but the demo.
ENV PORT=8080 HOST=0.0.0.0 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080

# The slim image has no curl; Node's fetch does the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM itself; `serve` closes the server and exits 0.
CMD ["node", "--enable-source-maps", "dist/src/cli/main.js", "serve"]

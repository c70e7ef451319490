# PushChart: one container, the SQLite database on a volume.
#   docker build -t pushchart .
#   docker run -d --name pushchart -p 3000:3000 -v pushchart-data:/data \
#     -e BETTER_AUTH_SECRET="$(openssl rand -base64 32)" \
#     -e BETTER_AUTH_URL=https://pushchart.example.org pushchart
# The server refuses to start without its own BETTER_AUTH_SECRET (README, Deployment).

# 1. Dependencies: better-sqlite3 compiles its native binding here (the full
#    Debian image has python3, make and g++).
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build, then keep only the runtime dependencies (tsx included: backups and
#    restores run inside the container with npm run backup / restore).
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# 3. Runtime: the same Debian release (the native binding links against its
#    glibc), no compilers, a user without a shell or root rights.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATABASE_PATH=/data/pushchart.db
WORKDIR /app
RUN groupadd --system --gid 10001 pushchart \
 && useradd --system --uid 10001 --gid pushchart --no-create-home --shell /usr/sbin/nologin pushchart \
 && mkdir -p /data \
 && chown pushchart:pushchart /data \
 && chmod 700 /data
# The app's files belong to root and are read-only to the app; only Next's
# cache folder and the database volume are writable by it.
COPY --from=build /app /app
RUN mkdir -p /app/.next/cache && chown -R pushchart:pushchart /app/.next/cache
USER pushchart
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Listens on every interface of the container: publish the port to the reverse
# proxy only (README, Deployment). exec replaces the shell, so docker stop's
# SIGTERM reaches the server (scripts/serve.mjs: one `next start` worker per
# CPU the container may use; WEB_CONCURRENCY sets another number).
CMD ["sh", "-c", "exec node scripts/serve.mjs -H 0.0.0.0 -p \"$PORT\""]

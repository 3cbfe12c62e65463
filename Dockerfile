# syntax=docker/dockerfile:1
# Serang Tatu: one image for every deployable (the five services and the gateway); the process is
# chosen by the command (`node services/<name>/src/main.js`, `node gateway/src/main.js`), as the
# Helm chart does, or by building one of the named targets at the end of this file.
#
#   docker build -t serang-tatu:0.1.0 .                  # the platform image (the gateway by default)
#   docker build --target request -t serang-request .    # one deployable's image
#
# Node 22 LTS, pinned (Node 20 is past its end of life); change both together. The build stage is
# the full image (a C++ toolchain: argon2 is compiled from source), the runtime the slim one.
ARG NODE_BUILD_IMAGE=node:22.23.3-bookworm
ARG NODE_IMAGE=node:22.23.3-bookworm-slim

# ---- build: every workspace compiled to JavaScript, production dependencies alone installed ----
FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# npm ci brings the compilers (swc) and dev tools; `npm run build` compiles every workspace package
# into dist/ and installs only the production dependencies there (npm ci --omit=dev; argon2 built).
RUN npm ci --no-audit --no-fund && npm run build

# ---- the platform image: compiled code + production node_modules, nothing else ----
FROM ${NODE_IMAGE} AS platform
ENV NODE_ENV=production \
    # No writes under /app at run time: the root filesystem can be mounted read-only. Uploaded
    # documents go to UPLOADS_DIR (a volume) or an S3-compatible bucket (UPLOADS_STORAGE=s3).
    UPLOADS_DIR=/var/lib/serang/uploads \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and not writable by the user the processes run as.
COPY --from=build --chown=0:0 /src/dist/ /app/
# The official image's unprivileged `node` user, by number so runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 4000
# Exec form: node is PID 1 and receives SIGTERM itself; each process drains and exits on it.
CMD ["node", "gateway/src/main.js"]

# ---- one target per deployable (the same layers; only the command differs) ----
FROM platform AS identity
EXPOSE 4101
CMD ["node", "services/identity/src/main.js"]
FROM platform AS catalogue
EXPOSE 4102
CMD ["node", "services/catalogue/src/main.js"]
FROM platform AS request
EXPOSE 4103
CMD ["node", "services/request/src/main.js"]
FROM platform AS notification
EXPOSE 4104
CMD ["node", "services/notification/src/main.js"]
FROM platform AS analytics
EXPOSE 4105
CMD ["node", "services/analytics/src/main.js"]
FROM platform AS gateway
CMD ["node", "gateway/src/main.js"]

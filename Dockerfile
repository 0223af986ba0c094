# One image for the five services (and the provisioning job); the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json nx.json eslint.config.mjs jest.preset.cjs ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
RUN NX_DAEMON=false npx nx run-many -t build --projects=gateway,export-service,import-service,file-service,analytics-trigger
# Services run compiled, with a heap ceiling: streaming keeps live memory small, and the ceiling
# makes V8 collect early (peak RSS in docs/benchmarks.md) and any buffering bug fail loudly. Small
# semi-spaces, two malloc arenas and a fixed mmap threshold (large buffers go back to the system
# when freed) keep the resident size near the live size (docs/operations.md,
# "Runtime settings"; libs/testing's PRODUCTION_NODE_ARGS / PRODUCTION_RUNTIME_ENV say the same).
# The export-service and the file-service are started with `node --max-semi-space-size=1 ...`
# (docker-compose.yml; SERVICE_NODE_ARGS in libs/testing).
ENV NODE_ENV=production NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=4" MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
USER node
EXPOSE 3000 3001 3002 3003 3004
CMD ["node", "dist/apps/gateway/apps/gateway/src/main.js"]

# One image for the four services (and the provisioning job); the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
USER node
EXPOSE 3000 3001 3002 3003
CMD ["node", "tools/run-ts.cjs", "apps/gateway/src/main.ts"]

import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_CONTROLLERS, GATEWAY_SERVICES } from '../gateway.controllers';
import { ErrorBody } from '../http/api-error';

export const OPENAPI_JSON_PATH = 'api/openapi.json';
export const OPENAPI_UI_PATH = 'api/docs';

/**
 * The API document, generated from the controllers and DTO classes. Built on a bare app that has
 * the controllers and nothing behind them, so generating it needs no configuration or servers
 * and the served document is the committed one (docs/openapi.json, `npm run docs:openapi`).
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  @Module({ controllers: [...GATEWAY_CONTROLLERS], providers: GATEWAY_SERVICES.map((token) => ({ provide: token, useValue: {} })) })
  class ApiSurfaceModule {}
  const app = await NestFactory.create(ApiSurfaceModule, { logger: false, abortOnError: false });
  try {
    const config = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('HouseF3 Backup & Restore API')
      .setDescription(
        'Export a user\'s whole financial state as one package, and import (restore) one. Every request needs a bearer token (an ID or access token of the user pool). ' +
          'Every error has the body `{ code, message, details? }` (see ErrorBody): branch on `code`. Lists are paginated with `limit` and an opaque `cursor`.',
      )
      .setVersion('1.0.0')
      .setLicense('UNLICENSED', 'https://housef3.com')
      .addServer('/', 'this gateway')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .addTag('export', 'Packages of your data: create, follow, download, delete')
      .addTag('import', 'Restore a package: upload (single or in parts), validate, follow, read the report, cancel')
      .addTag('account', 'Who you are; a round trip through the workers')
      .build();
    return SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody], operationIdFactory: (_controller, method) => method });
  } finally {
    await app.close();
  }
}

/** Serves the document at /api/openapi.json and a browsable page at /api/docs (no token needed). */
export async function serveOpenApi(app: INestApplication): Promise<void> {
  const document = await buildOpenApiDocument();
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/openapi.yaml', customSiteTitle: 'HouseF3 Backup & Restore API' });
}

/** The document as committed: stable key order of Nest's output, two-space JSON, final newline. */
export function renderOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

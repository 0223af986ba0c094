import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, renderOpenApi } from './openapi';
import { CLIENT_TYPES_FILE, clientTypesOf, OPENAPI_FILE } from './generate';

describe('docs/openapi.json and libs/api-client', () => {
  it('the document is current with the controllers and DTOs (run `npm run docs:openapi` after changing them)', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi(await buildOpenApiDocument()));
  });

  it('the client types are current with the document (same command)', () => {
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(clientTypesOf(OPENAPI_FILE));
  }, 60000);

  it('is OpenAPI 3.1, names every operation, and every error response is the one error body', () => {
    const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(18);
    for (const { path, method, op } of operations) {
      expect(`${method} ${path}: ${op.operationId ?? 'no operationId'}`).toMatch(/: [a-z][A-Za-z]+$/);
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.map(([s]) => s)).toEqual(expect.arrayContaining(['401', '500']));
      for (const [, response] of errors) expect(response.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/ErrorBody');
    }
    // the design document's field names
    const props = (name: string) => Object.keys(doc.components.schemas[name].properties);
    expect(props('CreateExportResponse')).toEqual(expect.arrayContaining(['exportId', 'status', 'estimatedSize', 'estimatedCompletion']));
    expect(props('ExportStatusResponse')).toEqual(expect.arrayContaining(['exportId', 'status', 'progress', 'currentPhase', 'estimatedCompletionAt', 'downloadUrl', 'expiresAt', 'error']));
    expect(props('ImportStatusResponse')).toEqual(expect.arrayContaining(['importId', 'status', 'progress', 'currentPhase', 'estimatedCompletionAt', 'summary', 'errors', 'warnings', 'issueTotals', 'validationSummary']));
    expect(props('StartImportDto')).toEqual(expect.arrayContaining(['overwriteExisting', 'validateOnly', 'mergeStrategy']));
    expect(props('CreateExportDto')).toEqual(expect.arrayContaining(['includeAnalytics', 'format']));
  });
});

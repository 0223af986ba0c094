import { AuditLog, IdGenerator, MessagePublisher } from '@housef3/platform';
import { AuditController } from './audit/audit.controller';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';
import { ExportController } from './export/export.controller';
import { ExportEstimateController } from './export/export-estimate.controller';
import { ExportEstimateService } from './export/export-estimate.service';
import { ExportService } from './export/export.service';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { ImportReports } from './import/import-reports.service';
import { ImportUploads } from './import/import-uploads.service';

/** The API's controllers: the gateway module serves them, the OpenAPI document describes them. */
export const GATEWAY_CONTROLLERS = [DiagnosticsController, ExportController, ExportEstimateController, ImportController, AuditController];

/** What the controllers inject (stubbed when only the document is built). */
export const GATEWAY_SERVICES = [ExportService, ExportEstimateService, ImportService, ImportUploads, ImportReports, MessagePublisher, IdGenerator, AuditLog];

import { Topics, TopicName } from './topics';
import { Envelope } from './envelope';
import * as sys from './messages/system.messages';
import * as exp from './messages/export.messages';
import * as file from './messages/file.messages';
import * as imp from './messages/import.messages';

type SchemaClass = new () => object;

export interface MessageSpec {
  topic: TopicName;
  kind: 'command' | 'event';
  /** the version producers write today */
  current: number;
  /** every version still readable, by number */
  versions: Record<number, SchemaClass>;
  producer: string;
  consumers: readonly string[];
  summary: string;
}

function spec<S extends SchemaClass>(
  topic: TopicName, kind: 'command' | 'event', schema: S, producer: string, consumers: readonly string[], summary: string,
) {
  return { topic, kind, current: 1 as const, versions: { 1: schema }, producer, consumers, summary };
}

/**
 * Every message of the system. Adding a message here makes it producible (compiler-checked
 * payload), decodable (runtime-validated) and documented (AsyncAPI is generated from this).
 */
export const MESSAGES = {
  'system.ping': spec(Topics.SystemCommands, 'command', sys.SystemPingV1, 'gateway', ['export-service', 'import-service', 'file-service', 'analytics-trigger'], 'Diagnostic ping; every worker answers with system.pong.'),
  'system.pong': spec(Topics.SystemEvents, 'event', sys.SystemPongV1, 'export-service, import-service, file-service, analytics-trigger', ['gateway'], 'A worker service answers a ping.'),

  'export.requested': spec(Topics.ExportCommands, 'command', exp.ExportRequestedV1, 'gateway', ['export-service'], 'Build a backup package of the user\'s data.'),
  'export.cancel_requested': spec(Topics.ExportCommands, 'command', exp.ExportCancelRequestedV1, 'gateway', ['export-service'], 'Stop an export and remove its package.'),
  'export.completed': spec(Topics.ExportEvents, 'event', exp.ExportCompletedV1, 'export-service', ['any'], 'The package is complete, verified and downloadable.'),
  'export.failed': spec(Topics.ExportEvents, 'event', exp.ExportFailedV1, 'export-service', ['any'], 'The export failed; nothing downloadable is left.'),
  'export.expired': spec(Topics.ExportEvents, 'event', exp.ExportExpiredV1, 'export-service', ['any'], 'A package passed its retention and was deleted.'),

  'file.package_assemble_requested': spec(Topics.FileCommands, 'command', file.FilePackageAssembleRequestedV1, 'export-service', ['file-service'], 'Stream the staged data entries and the original files into the package.'),
  'file.package_assembled': spec(Topics.FileEvents, 'event', file.FilePackageAssembledV1, 'file-service', ['export-service'], 'The package object is written.'),
  'file.package_assembly_failed': spec(Topics.FileEvents, 'event', file.FilePackageAssemblyFailedV1, 'file-service', ['export-service'], 'The package could not be written (lists unreadable files).'),
  'file.package_delete_requested': spec(Topics.FileCommands, 'command', file.FilePackageDeleteRequestedV1, 'export-service', ['file-service'], 'Delete a package object.'),
  'file.package_deleted': spec(Topics.FileEvents, 'event', file.FilePackageDeletedV1, 'file-service', ['export-service'], 'A package object was deleted.'),
  'file.restore_requested': spec(Topics.FileCommands, 'command', file.FileRestoreRequestedV1, 'import-service', ['file-service'], 'Saga step: restore a chunk of original files from the package.'),
  'file.restored': spec(Topics.FileEvents, 'event', file.FileRestoredV1, 'file-service', ['import-service'], 'A chunk of original files is restored and verified.'),
  'file.restore_failed': spec(Topics.FileEvents, 'event', file.FileRestoreFailedV1, 'file-service', ['import-service'], 'A chunk of original files could not be restored.'),
  'file.restore_compensate_requested': spec(Topics.FileCommands, 'command', file.FileRestoreCompensateRequestedV1, 'import-service', ['file-service'], 'Saga compensation: remove restored files, put back overwritten ones.'),
  'file.restore_compensated': spec(Topics.FileEvents, 'event', file.FileRestoreCompensatedV1, 'file-service', ['import-service'], 'A chunk of restored files was compensated.'),

  'import.requested': spec(Topics.ImportCommands, 'command', imp.ImportRequestedV1, 'gateway', ['import-service'], 'Validate an uploaded package and, unless validateOnly, restore it.'),
  'import.cancel_requested': spec(Topics.ImportCommands, 'command', imp.ImportCancelRequestedV1, 'gateway', ['import-service'], 'Cancel an import; compensate what was done.'),
  'import.validated': spec(Topics.ImportEvents, 'event', imp.ImportValidatedV1, 'import-service', ['any'], 'Validation finished.'),
  'import.step_completed': spec(Topics.ImportEvents, 'event', imp.ImportStepCompletedV1, 'import-service', ['any'], 'Saga progress: a step of an import is done (for observers; the saga itself keeps its state in the job table).'),
  'import.compensation_completed': spec(Topics.ImportEvents, 'event', imp.ImportCompensationCompletedV1, 'import-service', ['any'], 'Saga progress: a step of an import was compensated (for observers).'),
  'import.completed': spec(Topics.ImportEvents, 'event', imp.ImportCompletedV1, 'import-service', ['analytics-trigger', 'any'], 'PUBLIC: an import completed; rebuild analytics if asked.'),
  'import.failed': spec(Topics.ImportEvents, 'event', imp.ImportFailedV1, 'import-service', ['any'], 'An import failed and was rolled back.'),
} as const satisfies Record<string, MessageSpec>;

export type MessageType = keyof typeof MESSAGES;
export const MESSAGE_TYPES = Object.keys(MESSAGES) as MessageType[];

type Spec<T extends MessageType> = (typeof MESSAGES)[T];
export type PayloadOf<T extends MessageType> = InstanceType<Spec<T>['versions'][Spec<T>['current']]>;
export type MessageOf<T extends MessageType> = Envelope<T, Spec<T>['current'], PayloadOf<T>>;
/** The union of every message: a handler switching on `type` gets the right payload type. */
export type AnyMessage = { [T in MessageType]: MessageOf<T> }[MessageType];

export function topicOf(type: MessageType): TopicName {
  return MESSAGES[type].topic;
}

export function isMessageType(value: string): value is MessageType {
  return Object.prototype.hasOwnProperty.call(MESSAGES, value);
}

export function messageTypesOnTopic(topic: TopicName): MessageType[] {
  return MESSAGE_TYPES.filter((t) => MESSAGES[t].topic === topic);
}

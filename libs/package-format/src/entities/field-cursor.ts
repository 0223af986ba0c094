import type { EntityName } from './entity-name';
import type { UnknownFieldPolicy, ValidateOptions, ValidationIssue, ValidationIssueCode } from './validation-issue';

const DEFAULT_MAX_ISSUES = 50;
const MAX_SHOWN_KEY = 40;
/** No names: the shared empty set where a set of names is optional. */
export const NO_NAMES: ReadonlySet<string> = new Set();

/** Collects the issues of one record; caps how many are listed. */
export class IssueCollector {
  private readonly listed: ValidationIssue[] = [];
  private errors = 0;
  private unlisted = 0;
  readonly unknownFields: UnknownFieldPolicy;
  readonly ignoreFields: ReadonlySet<string>;
  readonly checkTransactionHash: boolean;
  private readonly maxIssues: number;

  constructor(
    readonly entity: EntityName,
    private readonly recordId: string | undefined,
    private readonly idLabel: string,
    private readonly options: ValidateOptions,
  ) {
    this.unknownFields = options.unknownFields ?? 'error';
    this.ignoreFields = options.ignoreFields?.length ? new Set(options.ignoreFields) : NO_NAMES;
    this.checkTransactionHash = options.checkTransactionHash ?? true;
    this.maxIssues = Math.max(1, options.maxIssues ?? DEFAULT_MAX_ISSUES);
  }

  get errorCount(): number {
    return this.errors;
  }

  add(field: string, severity: ValidationIssue['severity'], code: ValidationIssueCode, detail: string): void {
    if (severity === 'error') this.errors += 1;
    if (this.listed.length >= this.maxIssues) {
      this.unlisted += 1;
      return;
    }
    this.listed.push(this.issue(field, severity, code, `${this.location(field)}: ${detail}`));
  }

  /** The listed issues, plus one summary issue when some were left out. */
  issues(): ValidationIssue[] {
    if (this.unlisted === 0) return [...this.listed];
    const severity = this.errors > 0 ? 'error' : 'warning';
    const summary = `${this.location('')}: ${this.unlisted} more issue${this.unlisted === 1 ? '' : 's'} not listed`;
    return [...this.listed, this.issue('', severity, 'too_many_issues', summary)];
  }

  private issue(field: string, severity: ValidationIssue['severity'], code: ValidationIssueCode, message: string): ValidationIssue {
    const issue: ValidationIssue = { entity: this.entity, field, code, message, severity };
    if (this.recordId !== undefined) issue.id = this.recordId;
    if (this.options.index !== undefined) issue.index = this.options.index;
    return issue;
  }

  private location(field: string): string {
    const record = `${this.entity}${this.options.index === undefined ? '' : `[${this.options.index}]`}`;
    const path = field === '' ? record : field.startsWith('[') ? `${record}${field}` : `${record}.${field}`;
    return this.recordId === undefined ? path : `${path} (${this.idLabel} ${this.recordId})`;
  }
}

/**
 * Where a value sits in the record being validated; reports issues at that path. The path is
 * spelled out only when an issue needs it: validating a valid record builds no path text.
 */
export class FieldCursor {
  private spelled: string | undefined;

  constructor(
    readonly collector: IssueCollector,
    path: string | undefined,
    private readonly parent?: FieldCursor,
    private readonly step?: string | number,
  ) {
    this.spelled = path;
  }

  get path(): string {
    if (this.spelled === undefined) this.spelled = spell(this.parent!.path, this.step!);
    return this.spelled;
  }

  /** The cursor of a named field of this object. Odd or long names are quoted and truncated. */
  field(name: string): FieldCursor {
    return new FieldCursor(this.collector, undefined, this, name);
  }

  /** The cursor of an item of this list. */
  item(index: number): FieldCursor {
    return new FieldCursor(this.collector, undefined, this, index);
  }

  error(code: ValidationIssueCode, detail: string): void {
    this.collector.add(this.path, 'error', code, detail);
  }

  warning(code: ValidationIssueCode, detail: string): void {
    this.collector.add(this.path, 'warning', code, detail);
  }
}

function spell(parent: string, step: string | number): string {
  if (typeof step === 'number') return `${parent}[${step}]`;
  const shown = /^[A-Za-z_$][\w$]*$/.test(step) && step.length <= MAX_SHOWN_KEY
    ? step
    : `[${JSON.stringify(step.length <= MAX_SHOWN_KEY ? step : `${step.slice(0, MAX_SHOWN_KEY)}…`)}]`;
  if (shown.startsWith('[')) return `${parent}${shown}`;
  return parent === '' ? shown : `${parent}.${shown}`;
}

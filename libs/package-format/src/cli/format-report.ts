import type { VerificationReport } from '../reader/verification-report';

const MAX_LISTED = 20;

/** The verdict and its reasons, one per line (what `verify` prints). */
export function formatVerdict(report: VerificationReport): string {
  const lines: string[] = [];
  if (report.ok) {
    lines.push(`OK: ${report.source} is a sound HouseF3 backup (format ${report.formatVersion ?? '?'})`);
  } else {
    lines.push(`REFUSED: ${report.source} is not a sound HouseF3 backup (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})`);
    for (const problem of report.problems) lines.push(`  [${problem.code}] ${problem.message}`);
  }
  for (const warning of report.warnings) lines.push(`  warning [${warning.code}] ${warning.message}`);
  if (report.issueCount > 0) {
    lines.push(`  record issues: ${report.issueCount}${report.issueCount > MAX_LISTED ? ` (first ${MAX_LISTED} shown)` : ''}`);
    for (const issue of report.issues.slice(0, MAX_LISTED)) lines.push(`    ${issue.severity} ${issue.entity}${issue.id ? ` ${issue.id}` : ''} ${issue.field}: ${issue.message}`);
  }
  return lines.join('\n');
}

/** Manifest, counts, entries and the verdict (what `inspect` prints). */
export function formatInspection(report: VerificationReport): string {
  const lines: string[] = [`package     ${report.source} (${report.size} bytes)`];
  const manifest = report.manifest;
  if (manifest !== undefined) {
    lines.push(
      `format      ${report.formatVersion ?? '?'}${report.formatVersion !== manifest.export_format_version ? ` (read as ${manifest.export_format_version})` : ''}`,
      `exported    ${manifest.export_timestamp}`,
      `user        ${manifest.user_id}`,
      `housef3     ${manifest.housef3_version} (compatible: ${manifest.compatibility.supported_versions.join(', ') || '-'}; minimum ${manifest.compatibility.minimum_version})`,
      `analytics   ${manifest.data_summary.analytics_included ? 'included' : 'not included'}`,
      '',
      'records     declared      read   invalid',
    );
    for (const [entity, declared] of Object.entries(manifest.record_counts)) {
      const tally = report.records[entity as keyof typeof report.records];
      lines.push(`  ${entity.padEnd(18)}${String(declared ?? '-').padStart(9)}${String(tally?.read ?? '-').padStart(10)}${String(tally?.invalid ?? '-').padStart(10)}`);
    }
    if (manifest.missing_files.length > 0) {
      lines.push('', 'missing original files');
      for (const missing of manifest.missing_files) lines.push(`  ${missing.file_id} ${missing.file_name}: ${missing.reason}`);
    }
  }
  if (report.entries.length > 0) {
    lines.push('', 'entries                                              size    packed  status');
    for (const entry of report.entries) {
      lines.push(`  ${truncate(entry.path, 46).padEnd(46)}${String(entry.size).padStart(10)}${String(entry.compressedSize).padStart(10)}  ${entry.status}`);
    }
  }
  lines.push('', formatVerdict(report));
  return lines.join('\n');
}

/** JSON for --json: bigint as string (transactionHash never appears here, but be safe). */
export function reportJson(report: VerificationReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

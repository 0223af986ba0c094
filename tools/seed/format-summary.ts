import type { SeedSummary } from './seed-user';

const count = (n: number) => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The seed tool's report: counts per entity, files and bytes, the awkward cases, throughput. */
export function formatSummary(summary: SeedSummary): string {
  const { counts } = summary;
  const seconds = summary.elapsedMs / 1000;
  const lines = [
    `seeded user ${summary.userId} (seed ${JSON.stringify(summary.seed)}${summary.awkward ? ', awkward' : ''}) in ${seconds.toFixed(1)} s`,
    `  accounts           ${count(counts.accounts)}`,
    `  categories         ${count(counts.categories)}`,
    `  file maps          ${count(counts.file_maps)}`,
    `  transaction files  ${count(counts.transaction_files)} (${size(summary.bytes)}, ${count(summary.bytes)} bytes in the file-storage bucket)`,
    `  transactions       ${count(counts.transactions)} (${count(summary.duplicates)} duplicates; ${count(Math.round(counts.transactions / seconds))} per second overall)`,
    `  analytics          ${count(counts.analytics)}`,
    `  preferences        ${count(counts.user_preferences)}`,
    `  recurring charges  ${count(counts.recurring_charge_patterns)} patterns, ${count(counts.recurring_charge_predictions)} predictions, ${count(counts.pattern_feedback)} feedback`,
    'files:',
    ...summary.files.map((file) => `  ${file.fileId}  ${size(file.bytes).padStart(10)}  ${String(file.transactions).padStart(7)} transactions  ${file.fileName}`),
  ];
  const cases = summary.awkwardCases;
  if (cases) {
    lines.push('awkward cases:');
    for (const [name, transactionId] of Object.entries(cases.transactions)) lines.push(`  ${name.padEnd(24)} transaction ${transactionId}`);
    lines.push(`  ${'largest hash'.padEnd(24)} ${cases.largeHash}`, `  ${'empty file'.padEnd(24)} ${cases.emptyFileId}`, `  ${'20 MiB file'.padEnd(24)} ${cases.largeFileId}`);
  }
  return lines.join('\n');
}

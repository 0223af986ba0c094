import { ApiProperty } from '@nestjs/swagger';

/** 200 of POST /export/estimate: what an export with these options would hold, how large and how long. */
export class ExportEstimateResponse {
  @ApiProperty({
    type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, example: { accounts: 5, transactions: 2847, categories: 40, file_maps: 3, transaction_files: 12, analytics: 120 },
    description: 'records per entity the package would hold; entities these options leave out are absent',
  })
  counts!: Record<string, number>;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'all the records, every entity' }) records!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'original statement files the package would hold' }) files!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'their bytes as stored (from the file records)' }) fileBytes!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the package\'s expected size in bytes (records and text statements are compressed in it)' }) estimatedBytes!: number;
  @ApiProperty({ example: '~3.2MB', description: 'the same, rounded for people (as POST /export answers it)' }) estimatedSize!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'how long the export would take, in seconds (rough)' }) estimatedDurationSeconds!: number;
  @ApiProperty({ description: 'false when a very large count was extrapolated from part of the data instead of counted to the end' }) exact!: boolean;
}

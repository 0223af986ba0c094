import { jobsWorkedOn, linesMatching, parseLogLines } from './service-logs';

describe('service logs', () => {
  const output = [
    '{"level":"info","time":"2026-01-01T00:00:00.000Z","service":"file-service","msg":"file-service listening"}',
    'a line that is not JSON',
    '{"level":"info","service":"file-service","jobId":"i-1","chunk":0,"msg":"file chunk restored"}',
    '{"level":"info","service":"file-service","jobId":"i-1","chunk":1,"msg":"file chunk restored"}',
    '{"level":"info","service":"file-service","jobId":"e-7","msg":"package written"}',
    '{"level":"warn","service":"file-service","jobId":"i-2","msg":"file restore refused"}',
    '{"level":"info","service":"file-se', // cut by the end of the capture
  ].join('\n');

  it('keeps the JSON lines only', () => {
    expect(parseLogLines(output).map((l) => l.msg)).toEqual(['file-service listening', 'file chunk restored', 'file chunk restored', 'package written', 'file restore refused']);
  });

  it('counts the jobs a process worked on by its work lines', () => {
    expect([...jobsWorkedOn(output, ['file chunk restored', 'package written'])].sort()).toEqual(['e-7', 'i-1']);
    expect(jobsWorkedOn(output, ['import completed']).size).toBe(0);
    expect(linesMatching(output, /refused/).map((l) => l.jobId)).toEqual(['i-2']);
  });
});

import { BadRequestException, ConflictException, HttpStatus, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiError } from './api-error';
import { isErrorBody, toErrorResponse } from './error.filter';

describe('toErrorResponse: one error body for every error', () => {
  it('passes a body already in the shape through unchanged (ours, or another module\'s)', () => {
    expect(toErrorResponse(new ApiError(HttpStatus.CONFLICT, 'UPLOAD_INCOMPLETE', 'parts missing', { missingParts: [2] }))).toEqual({
      status: 409, body: { code: 'UPLOAD_INCOMPLETE', message: 'parts missing', details: { missingParts: [2] } }, internal: false,
    });
    const limited = new ConflictException({ code: 'TOO_MANY_JOBS', message: 'finish one first', details: { running: 3 } });
    expect(toErrorResponse(limited).body).toEqual({ code: 'TOO_MANY_JOBS', message: 'finish one first', details: { running: 3 } });
  });

  it('maps Nest\'s exceptions by status, validation problems into details.problems', () => {
    expect(toErrorResponse(new BadRequestException(['limit must not be greater than 100', 'property x should not exist']))).toEqual({
      status: 400, internal: false,
      body: { code: 'VALIDATION_FAILED', message: 'the request is not valid: limit must not be greater than 100; property x should not exist', details: { problems: ['limit must not be greater than 100', 'property x should not exist'] } },
    });
    expect(toErrorResponse(new UnauthorizedException('token expired')).body).toEqual({ code: 'UNAUTHORIZED', message: 'token expired' });
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope')).body).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'Cannot GET /nope' });
  });

  it('says nothing internal for anything else: an SDK error becomes a bare 500', () => {
    const sdk = Object.assign(new Error('The specified bucket does not exist: housef3-prod-packages (table housef3-prod-import-jobs)'), { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    const out = toErrorResponse(sdk);
    expect(out.status).toBe(500);
    expect(out.internal).toBe(true);
    expect(out.body.code).toBe('INTERNAL');
    expect(JSON.stringify(out.body)).not.toMatch(/housef3|bucket|table|NoSuch/i);
    expect(toErrorResponse('a string').body.code).toBe('INTERNAL');
  });

  it('recognizes the shape strictly', () => {
    expect(isErrorBody({ code: 'NOT_FOUND', message: 'x' })).toBe(true);
    expect(isErrorBody({ statusCode: 404, message: 'x', error: 'Not Found' })).toBe(false);
    expect(isErrorBody({ code: 'lower', message: 'x' })).toBe(false);
    expect(isErrorBody({ code: 'X', message: 'x', details: 'text' })).toBe(false);
  });
});

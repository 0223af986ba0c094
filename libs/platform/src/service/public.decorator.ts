import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'housef3:isPublic';
/** Marks a route that needs no bearer token (health and metrics only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

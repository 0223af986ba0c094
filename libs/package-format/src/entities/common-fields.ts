import { Kind, text } from './field-kinds';

/** Longest userId accepted (Cognito `sub` is a 36-character UUID; the ID is otherwise opaque). */
export const USER_ID_MAX_LENGTH = 128;

/**
 * The owner's ID as found in a record. Packages of this system omit it (the manifest names the
 * user); HouseF3's own backups carry the source user's ID. Either way import replaces it with the
 * restoring user: it is kept on the validated record only so that import can see and ignore it.
 */
export function userId(): Kind<string> {
  return text({ minLength: 1, maxLength: USER_ID_MAX_LENGTH, allowed: 'a non-empty opaque user ID' });
}

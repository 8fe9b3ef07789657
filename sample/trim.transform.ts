import { Transform } from 'class-transformer';

/**
 * Trims a string property while the `ValidationPipe` builds the DTO (`transform: true`), so
 * `'  Acme  '` is validated and stored as `'Acme'`; other values pass unchanged to the validators.
 */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

// Schema descriptions that many types share word for word, so that the same field reads the same everywhere.

export const CREATED_AT_DESCRIPTION = 'When the record was created (UTC).';

export const UPDATED_AT_DESCRIPTION = 'When the record last changed (UTC); equal to createdAt until then.';

/** API Gateway and Lambda cap a request at 6 MB; the runtime enforces the same limit everywhere (413 beyond). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

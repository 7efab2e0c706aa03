/**
 * Records queued by a backend's change feed (DynamoDB stream records, S3
 * notifications) and delivered in one batch on `settle()`. Like Lambda's
 * pollers and retries, a batch whose dispatch throws stays queued and is
 * delivered again, ahead of newer records, next time.
 */
export interface RedeliveringQueue<T> {
  push(...records: T[]): void;
  settle(): Promise<void>;
}

export function redeliveringQueue<T>(dispatch: (batch: T[]) => Promise<void>): RedeliveringQueue<T> {
  let pending: T[] = [];
  return {
    push(...records) {
      pending.push(...records);
    },
    async settle() {
      const batch = pending;
      pending = [];
      try {
        await dispatch(batch);
      } catch (err) {
        pending = batch.concat(pending);
        throw err;
      }
    },
  };
}

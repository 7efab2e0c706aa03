/**
 * `once(create)`: the value `create` resolves to, made on the first call and
 * shared by every later one (concurrent first calls included). The runtime
 * uses it to load AWS SDK clients and backends only when a handler first
 * needs them, which keeps them off the cold-start path.
 */
export function once<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= create());
}

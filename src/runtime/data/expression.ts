/**
 * Builds DynamoDB expressions with placeholder names and values, so any field
 * name (reserved words like `value` and `ttl`, dots, spaces) is safe.
 */
export class Expression {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameIds = new Map<string, string>();
  private valueCount = 0;

  /** `#n0` for `value`; a document path for several parts. */
  name(...parts: string[]): string {
    return parts
      .map((part) => {
        let id = this.nameIds.get(part);
        if (!id) {
          id = `#n${this.nameIds.size}`;
          this.nameIds.set(part, id);
          this.names[id] = part;
        }
        return id;
      })
      .join(".");
  }

  value(v: unknown): string {
    const id = `:v${this.valueCount++}`;
    this.values[id] = v;
    return id;
  }

  /** Spread into a command's input; omits empty maps, which DynamoDB rejects. */
  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

/** "The item exists and has not expired" as a condition. */
export function liveCondition(e: Expression, nowSeconds: number): string {
  return `(attribute_exists(${e.name("pk")}) AND (attribute_not_exists(${e.name("ttl")}) OR ${e.name("ttl")} > ${e.value(nowSeconds)}))`;
}

/** "No live item": absent, or expired but not yet deleted by DynamoDB's TTL sweeper. */
export function notLiveCondition(e: Expression, nowSeconds: number): string {
  return `(attribute_not_exists(${e.name("pk")}) OR ${e.name("ttl")} <= ${e.value(nowSeconds)})`;
}

export function isConditionFailed(e: unknown): boolean {
  return e instanceof Error && e.name === "ConditionalCheckFailedException";
}

/**
 * Sums as DynamoDB's decimal arithmetic would for the usual cases: binary
 * floating point gives 0.1 + 0.2 = 0.30000000000000004, the table stores 0.3.
 */
export function addNumbers(a: number, b: number): number {
  const sum = a + b;
  if (Number.isInteger(a) && Number.isInteger(b)) return sum;
  return Number.parseFloat(sum.toPrecision(15));
}

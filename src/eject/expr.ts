/**
 * CloudFormation values back into CDK expressions: a `Ref` or `Fn::GetAtt`
 * of a resource the ejected stack creates becomes that construct's
 * attribute (`{"Fn::GetAtt": ["Table", "Arn"]}` → `table.tableArn`), a
 * pseudo parameter becomes `Aws.X`, an `Fn::Join` on "" a template literal.
 * CDK resolves each of these back to the very value it came from, which is
 * what keeps the ejected template equal to iac's.
 */
import { arr, obj, str, type Expr, type Imports } from "./code";
import type { CfnValue } from "./model";

/** What the L2 construct of each CloudFormation type calls its `Ref` and its attributes. */
const ATTRIBUTES: Record<string, { ref?: string; attrs: Record<string, string> }> = {
  "AWS::DynamoDB::Table": { ref: "tableName", attrs: { Arn: "tableArn", StreamArn: "tableStreamArn" } },
  "AWS::S3::Bucket": { ref: "bucketName", attrs: { Arn: "bucketArn", RegionalDomainName: "bucketRegionalDomainName", DomainName: "bucketDomainName" } },
  "AWS::Events::EventBus": { ref: "eventBusName", attrs: { Arn: "eventBusArn", Name: "eventBusName" } },
  "AWS::IAM::Role": { ref: "roleName", attrs: { Arn: "roleArn" } },
  "AWS::Logs::LogGroup": { ref: "logGroupName", attrs: { Arn: "logGroupArn" } },
  "AWS::SQS::Queue": { ref: "queueUrl", attrs: { Arn: "queueArn", QueueName: "queueName" } },
  "AWS::CloudFront::Distribution": { ref: "distributionId", attrs: { DomainName: "distributionDomainName" } },
  "AWS::Lambda::Function": { ref: "functionName", attrs: { Arn: "functionArn" } },
  "AWS::ApiGatewayV2::Api": { ref: "apiId", attrs: { ApiEndpoint: "apiEndpoint" } },
};

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "PARTITION",
  "AWS::Region": "REGION",
  "AWS::AccountId": "ACCOUNT_ID",
  "AWS::StackId": "STACK_ID",
  "AWS::StackName": "STACK_NAME",
  "AWS::URLSuffix": "URL_SUFFIX",
};

/** The constructs the generated code has names for, by logical ID. */
export class Refs {
  private readonly byLogicalId = new Map<string, { expr: Expr; type: string }>();

  constructor(private readonly imports: Imports) {}

  /** `expr` (e.g. `table`, `fnHttp.role`) is the L2 construct of `logicalId`, a resource of CloudFormation `type`. */
  add(logicalId: string, type: string, expr: Expr): void {
    this.byLogicalId.set(logicalId, { expr, type });
  }

  /** The CDK expression that resolves to `value`. */
  expr(value: CfnValue): Expr {
    if (typeof value === "string") return str(value);
    if (typeof value !== "object" || value === null) return String(value);
    if (Array.isArray(value)) return arr(value.map((v) => this.expr(v)));
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const fn = keys[0];
      const arg = value[fn];
      if (fn === "Ref" && typeof arg === "string") return this.ref(arg);
      if (fn === "Fn::GetAtt" && Array.isArray(arg) && typeof arg[0] === "string" && typeof arg[1] === "string") return this.getAtt(arg[0], arg[1]);
      if (fn === "Fn::Join" && Array.isArray(arg) && typeof arg[0] === "string" && Array.isArray(arg[1])) return this.join(arg[0], arg[1]);
      if (fn === "Fn::Select" && Array.isArray(arg) && typeof arg[0] === "number" && arg[1] !== undefined) {
        return `${this.imports.use("aws-cdk-lib", "Fn")}.select(${arg[0]}, ${this.expr(arg[1])})`;
      }
      if (fn === "Fn::Split" && Array.isArray(arg) && typeof arg[0] === "string" && arg[1] !== undefined) {
        return `${this.imports.use("aws-cdk-lib", "Fn")}.split(${str(arg[0])}, ${this.expr(arg[1])})`;
      }
      if (fn.startsWith("Fn::") || fn === "Ref") throw new Error(`internal: eject cannot express ${JSON.stringify(value)}`);
    }
    return obj(Object.entries(value).map(([k, v]) => [k, this.expr(v)]));
  }

  private ref(logicalId: string): Expr {
    const pseudo = PSEUDO[logicalId];
    if (pseudo) return `${this.imports.use("aws-cdk-lib", "Aws")}.${pseudo}`;
    const target = this.target(logicalId);
    const ref = ATTRIBUTES[target.type]?.ref;
    if (!ref) throw new Error(`internal: eject has no Ref attribute for ${target.type}`);
    return `${target.expr}.${ref}`;
  }

  private getAtt(logicalId: string, attribute: string): Expr {
    const target = this.target(logicalId);
    const name = ATTRIBUTES[target.type]?.attrs[attribute];
    if (!name) throw new Error(`internal: eject has no attribute ${attribute} for ${target.type}`);
    return `${target.expr}.${name}`;
  }

  private target(logicalId: string): { expr: Expr; type: string } {
    const t = this.byLogicalId.get(logicalId);
    if (!t) throw new Error(`internal: eject refers to ${logicalId}, which it did not name`);
    return t;
  }

  /** `Fn::Join` on "": a template literal (one expression alone stays itself); other delimiters: `Fn.join`. */
  private join(delimiter: string, parts: CfnValue[]): Expr {
    if (delimiter !== "") return `${this.imports.use("aws-cdk-lib", "Fn")}.join(${str(delimiter)}, ${arr(parts.map((p) => this.expr(p)))})`;
    let out = "`";
    for (const p of parts) out += typeof p === "string" ? p.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, "\\${") : `\${${this.expr(p)}}`;
    return `${out}\``;
  }
}

/** CloudFormation values back into CDK expressions (src/eject/expr.ts), and the literals around them (code.ts). */
import { Imports, obj } from "../../src/eject/code";
import { Refs } from "../../src/eject/expr";

function refs(): { refs: Refs; imports: Imports } {
  const imports = new Imports();
  const r = new Refs(imports);
  r.add("Table", "AWS::DynamoDB::Table", "table");
  r.add("FnHttpRole10329B33", "AWS::IAM::Role", "fnHttp.role");
  return { refs: r, imports };
}

test.each([
  [{ "Fn::GetAtt": ["Table", "Arn"] }, "table.tableArn"],
  [{ Ref: "Table" }, "table.tableName"],
  [{ "Fn::GetAtt": ["FnHttpRole10329B33", "Arn"] }, "fnHttp.role.roleArn"],
  [{ "Fn::Join": ["", [{ "Fn::GetAtt": ["Table", "Arn"] }, "/index/label1"]] }, "`${table.tableArn}/index/label1`"],
  [
    { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":ssm:", { Ref: "AWS::Region" }, ":", { Ref: "AWS::AccountId" }, ":parameter/iac/a/b/KEY"]] },
    "`arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter/iac/a/b/KEY`",
  ],
  [{ "Fn::Select": [2, { "Fn::Split": ["/", { Ref: "AWS::StackId" }] }] }, 'Fn.select(2, Fn.split("/", Aws.STACK_ID))'],
  [{ "Fn::Join": ["", ["a`b${c}\\", { Ref: "Table" }]] }, "`a\\`b\\${c}\\\\${table.tableName}`"],
  [{ "Fn::Join": [",", ["a", { Ref: "Table" }]] }, 'Fn.join(",", ["a", table.tableName])'],
  [{ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["todo"] } }, '{ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["todo"] } }'],
])("%j → %s", (value, expected) => {
  expect(refs().refs.expr(value)).toBe(expected);
});

test("a template literal evaluates to the string CloudFormation joins", () => {
  const text = refs()
    .refs.expr({ "Fn::Join": ["", ["a`b${c}\\", { Ref: "Table" }]] })
    .replace("${table.tableName}", "${t}");
  expect(new Function("t", `return ${text};`)("T")).toBe("a`b${c}\\T");
});

test("a reference to a resource the stack does not name is a bug, not a silent literal", () => {
  expect(() => refs().refs.expr({ Ref: "Unknown" })).toThrow(/did not name/);
  expect(() => refs().refs.expr({ "Fn::GetAtt": ["Table", "Nope"] })).toThrow(/no attribute Nope/);
  expect(() => refs().refs.expr({ "Fn::ImportValue": "x" })).toThrow(/cannot express/);
});

test("imports are sorted and the aws-cdk-lib helpers an expression uses are imported", () => {
  const { refs: r, imports } = refs();
  r.expr({ "Fn::Select": [0, { "Fn::Split": [",", { Ref: "AWS::Region" }] }] });
  imports.use("./app-function", "AppFunction");
  imports.type("aws-cdk-lib", "StackProps");
  imports.namespace("path", "path");
  expect(imports.structures()).toEqual([
    { moduleSpecifier: "path", namespaceImport: "path" },
    { moduleSpecifier: "aws-cdk-lib", namedImports: [{ name: "Aws" }, { name: "Fn" }, { name: "StackProps", isTypeOnly: true }] },
    { moduleSpecifier: "./app-function", namedImports: [{ name: "AppFunction" }] },
  ]);
  expect(
    obj([
      ["a", "1"],
      ["code", "code"],
      ["b", undefined],
      ["x-y", '"z"'],
    ]),
  ).toBe('{ a: 1, code, "x-y": "z" }');
});

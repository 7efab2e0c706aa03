// A security resource that replaces a removed one, the same but for the names
// of resources renamed with it (a schedule's function takes its name from its
// expression), grants nothing new: the template section says so, and still
// shows any statement that is new.
import { diffTemplates } from "../../src/diff/template";
import type { Template } from "../../src/diff/types";

const role = (fn: string) => ({
  Type: "AWS::IAM::Role",
  Properties: {
    AssumeRolePolicyDocument: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    },
    ManagedPolicyArns: [{ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]] }],
    Description: `function ${fn}`,
  },
});
const policy = (roleId: string, actions: string[]) => ({
  Type: "AWS::IAM::Policy",
  Properties: {
    PolicyName: `${roleId}DefaultPolicy`,
    Roles: [{ Ref: roleId }],
    // A statement id made from names, as CDK makes them for queue and topic policies.
    PolicyDocument: {
      Version: "2012-10-17",
      Statement: [{ Sid: `Allow${roleId}`, Effect: "Allow", Action: actions, Resource: { "Fn::GetAtt": ["Table", "Arn"] } }],
    },
  },
});
const table = { Type: "AWS::DynamoDB::Table", Properties: { TableName: "t" } };

function stack(fnId: string, actions: string[], extra: Record<string, unknown> = {}): Template {
  return {
    Resources: {
      Table: table,
      [`Fn${fnId}Role`]: role(fnId),
      [`Fn${fnId}RoleDefaultPolicy`]: policy(`Fn${fnId}Role`, actions),
      [`Fn${fnId}Function`]: { Type: "AWS::Lambda::Function", Properties: { Role: { "Fn::GetAtt": [`Fn${fnId}Role`, "Arn"] }, Handler: "index.handler" } },
      ...extra,
    },
  } as Template;
}

const lines = (base: Template, head: Template) => diffTemplates(base, head).map((c) => `${c.class} ${c.action} ${c.subject}: ${c.reason}`);

test("a renamed function's role and policy are safe, in place of the removed ones", () => {
  expect(lines(stack("Rate1Hour", ["dynamodb:PutItem"]), stack("Rate2Hours", ["dynamodb:PutItem"]))).toEqual([
    "safe removed FnRate1HourFunction (AWS::Lambda::Function): deleted",
    "safe removed FnRate1HourRole (AWS::IAM::Role): deleted",
    "safe removed FnRate1HourRoleDefaultPolicy (AWS::IAM::Policy): deleted",
    "safe added FnRate2HoursFunction (AWS::Lambda::Function): created",
    "safe added FnRate2HoursRole (AWS::IAM::Role): in place of FnRate1HourRole, which granted the same (a resource it names was renamed)",
    "safe added FnRate2HoursRoleDefaultPolicy (AWS::IAM::Policy): in place of FnRate1HourRoleDefaultPolicy, which granted the same (a resource it names was renamed)",
  ]);
});

test("a renamed function whose policy grants more is still a permission change", () => {
  const changes = lines(stack("Rate1Hour", ["dynamodb:PutItem"]), stack("Rate2Hours", ["dynamodb:PutItem", "dynamodb:DeleteItem"]));
  expect(changes).toContain("permissions added FnRate2HoursRoleDefaultPolicy (AWS::IAM::Policy): a new IAM resource grants permissions");
  // The role itself is the same but for its name.
  expect(changes).toContain(
    "safe added FnRate2HoursRole (AWS::IAM::Role): in place of FnRate1HourRole, which granted the same (a resource it names was renamed)",
  );
});

test("a new function beside the old one grants permissions: nothing was removed in its place", () => {
  const base = stack("Rate1Hour", ["dynamodb:PutItem"]);
  const head = stack("Rate1Hour", ["dynamodb:PutItem"], stack("Rate2Hours", ["dynamodb:PutItem"]).Resources as Record<string, unknown>);
  const changes = lines(base, head);
  expect(changes).toContain("permissions added FnRate2HoursRoleDefaultPolicy (AWS::IAM::Policy): a new IAM resource grants permissions");
  expect(changes).toContain("permissions added FnRate2HoursRole (AWS::IAM::Role): a new IAM resource grants permissions");
});

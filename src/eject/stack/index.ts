/**
 * The ejected stack class, section by section in the order synth's
 * `buildApp` builds (app.ts): stateful resources, functions, the public
 * surface, deliveries, then grants and CDK's helper logs. Returns ts-morph
 * structures for lib/<app>-stack.ts; the printer formats them.
 */
import { Scope, StructureKind, type StatementStructures } from "ts-morph";
import { Body, Imports, pascalCase } from "../code";
import { Refs } from "../expr";
import type { EjectModel } from "../model";
import { writeCdn } from "./cdn";
import { CDK, type StackGen } from "./context";
import { writeDataListeners, writeRules, writeStorageCors, writeStorageListeners } from "./delivery";
import { writeFunctions } from "./functions";
import { helperLogsMethod, writeDomain, writeGrants, writeHelperLogs } from "./grants";
import { writeCloudUrlParam, writeHttpApi } from "./http";
import { writeBucket, writeEventBus, writeTable } from "./state";

export interface StackFile {
  className: string;
  propsName: string;
  statements: (string | StatementStructures)[];
}

export function stackClassName(model: EjectModel): string {
  return `${pascalCase(model.graph.app.name) || "App"}Stack`;
}

export function printStack(model: EjectModel): StackFile {
  const imports = new Imports();
  const gen: StackGen = { model, graph: model.graph, imports, refs: new Refs(imports), body: new Body(), functions: new Map(), names: {} };
  writeTable(gen);
  writeBucket(gen);
  writeEventBus(gen);
  writeFunctions(gen);
  writeHttpApi(gen);
  writeCdn(gen);
  writeCloudUrlParam(gen);
  writeStorageCors(gen);
  writeRules(gen);
  writeDataListeners(gen);
  writeStorageListeners(gen);
  writeGrants(gen);
  const helperLogs = writeHelperLogs(gen);
  writeDomain(gen);

  const className = stackClassName(model);
  const propsName = `${className}Props`;
  const Stack = imports.use(CDK, "Stack");
  const StackProps = imports.type(CDK, "StackProps");
  const Construct = imports.use("constructs", "Construct");
  const hasFunctions = gen.functions.size > 0;
  const Code = hasFunctions ? imports.type(`${CDK}/aws-lambda`, "Code") : "";
  const AppFunction = hasFunctions ? imports.use("./app-function", "AppFunction") : "";
  const functionsMap = [...gen.functions.values()].map((f) => `${JSON.stringify(f.plan.id)}: ${f.name},`).join("\n");
  const body = new Body();
  body.line("super(scope, id, props);");
  body.line(gen.body.text());
  if (hasFunctions) body.blank().line(`this.functions = {\n${functionsMap}\n};`);
  const methods = helperLogs.method ? [helperLogsMethod(gen)] : [];
  return {
    className,
    propsName,
    statements: [
      ...imports.structures().map((s) => ({ kind: StructureKind.ImportDeclaration as const, ...s })),
      {
        kind: StructureKind.Interface,
        name: propsName,
        isExported: true,
        extends: [StackProps],
        properties: [
          ...(hasFunctions
            ? [
                {
                  name: "code",
                  type: Code,
                  isReadonly: true,
                  docs: ["The app's handlers, bundled (bin/app.ts): the same bundle iac built, so every function's code is unchanged."],
                },
              ]
            : []),
          { name: "appDir", type: "string", isReadonly: true, docs: ["The app's folder: static/ is deployed from it."] },
        ],
      },
      {
        kind: StructureKind.Class,
        name: className,
        isExported: true,
        extends: Stack,
        docs: [
          `Stage "${model.stage}" of the app "${model.graph.app.name}", ejected from iac. Every construct keeps the construct id iac gave it, so\nCDK derives the logical IDs iac deployed: this stack takes the deployed one over without replacing anything.\nEach construct's comment says which code in the app caused it (paths relative to the app's folder).`,
        ],
        properties: hasFunctions
          ? [
              {
                name: "functions",
                type: `Record<string, ${AppFunction}>`,
                isReadonly: true,
                docs: ["Each function of the app by iac's function id (`iac graph` lists them)."],
              },
            ]
          : [],
        ctors: [
          {
            parameters: [
              { name: "scope", type: Construct },
              { name: "id", type: "string" },
              { name: "props", type: propsName },
            ],
            statements: body.text(),
          },
        ],
        methods: methods.map((m) => ({
          name: m.name,
          scope: Scope.Private,
          docs: [m.docs],
          parameters: m.parameters,
          returnType: "void",
          statements: m.statements,
        })),
      },
    ],
  };
}

import { logs, params, schedule } from "iac";
import cloud from "iac";
import legacy from "@serverless/cloud";
import { createSsmParamsSource } from "../../../src/runtime/aws/params";
import { configureFromEnvironment, resetLambdaSetup } from "../../../src/runtime/adapters/lambda/setup";
import { configureRuntime, loadParams, registeredSchedules, resetRuntime, runtimeConfig } from "../../../src/runtime/internal";
import type { GetParametersByPathCommandInput, GetParametersByPathCommandOutput, GetParametersCommandOutput } from "@aws-sdk/client-ssm";

beforeEach(() => {
  resetRuntime();
  resetLambdaSetup();
  configureRuntime({ logger: { error: () => undefined } });
});

describe("schedule", () => {
  test("every/rate/cron normalise; invoke() runs the registered handlers through schedule.use", async () => {
    const calls: string[] = [];
    schedule.use(async (event, next) => {
      calls.push(`before ${event.expression}`);
      await next();
      calls.push("after");
    });
    schedule.every("60 minutes", { timeout: 120_000 }, () => {
      calls.push("hourly");
    });
    schedule.rate("1 day", () => {
      calls.push("daily");
    });
    schedule.cron("0 12 * * ? *", () => {
      calls.push("noon");
    });
    await schedule.every("60 minutes").invoke();
    await schedule.cron("0 12 * * ? *").invoke();
    expect(calls).toEqual(["before rate(60 minutes)", "hourly", "after", "before cron(0 12 * * ? *)", "noon", "after"]);
    expect(registeredSchedules().map((s) => s.expression)).toEqual(["cron(0 12 * * ? *)", "rate(1 day)", "rate(60 minutes)"]);
  });

  test("an invalid expression throws with the suggestion; invoking an unregistered one throws", async () => {
    expect(() => schedule.every("5 minuts", () => undefined)).toThrow(/invalid schedule expression "5 minuts".*5 minutes/);
    await expect(schedule.every("2 hours").invoke()).rejects.toThrow("no schedule handler is registered for rate(2 hours)");
  });
});

describe("params", () => {
  test("reading before any source is configured says so", () => {
    expect(() => params.API_KEY).toThrow("params is not available outside a running instance");
  });

  test("reserved names come from the environment even before the load", () => {
    process.env.IAC_APP = "todo";
    process.env.IAC_STAGE = "prod";
    try {
      expect([params.APP_NAME, params.INSTANCE_NAME]).toEqual(["todo", "prod"]);
    } finally {
      delete process.env.IAC_APP;
      delete process.env.IAC_STAGE;
    }
  });

  test("a configured but not yet loaded source is an error that tells where to read params", () => {
    configureRuntime({ params: { load: async () => ({}) } });
    expect(() => params.API_KEY).toThrow(/before the stage's params were loaded/);
  });

  test("SSM: every page under the stage path, names relative to it, decrypted", async () => {
    const requests: GetParametersByPathCommandInput[] = [];
    // Stands in for SSM Parameter Store, which is unreachable here: two pages.
    const ssm = {
      getParametersByPath: async (input: GetParametersByPathCommandInput): Promise<GetParametersByPathCommandOutput> => {
        requests.push(input);
        return input.NextToken
          ? { $metadata: {}, Parameters: [{ Name: "/iac/todo/qa/CLOUD_URL", Value: "https://qa.todo.example" }] }
          : { $metadata: {}, Parameters: [{ Name: "/iac/todo/qa/API_KEY", Value: "secret", Type: "SecureString" }], NextToken: "p2" };
      },
      getParameters: async (): Promise<GetParametersCommandOutput> => {
        throw new Error("no names were given: the source loads the path");
      },
    };
    configureRuntime({ params: createSsmParamsSource("/iac/todo/qa/", ssm) });
    await loadParams();
    expect(requests).toEqual([
      { Path: "/iac/todo/qa/", WithDecryption: true, Recursive: false, NextToken: undefined },
      { Path: "/iac/todo/qa/", WithDecryption: true, Recursive: false, NextToken: "p2" },
    ]);
    expect([params.API_KEY, params.CLOUD_URL, params.UNSET]).toEqual(["secret", "https://qa.todo.example", undefined]);
    expect({ ...params }).toEqual({ API_KEY: "secret", CLOUD_URL: "https://qa.todo.example" });
    expect(() => Object.assign(params, { API_KEY: "x" })).toThrow(/read-only/);
  });

  test("a failed load is retried by the next call", async () => {
    let attempt = 0;
    configureRuntime({
      params: {
        load: async () => {
          attempt++;
          if (attempt === 1) throw new Error("throttled");
          return { K: "v" };
        },
      },
    });
    await expect(loadParams()).rejects.toThrow("throttled");
    await expect(loadParams()).resolves.toEqual({ K: "v" });
  });
});

describe("Lambda environment", () => {
  test("configures AWS backends from the env, keeping backends configured first", () => {
    const own = { publish: async () => undefined };
    configureRuntime({ events: own });
    configureFromEnvironment(
      { invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:todo-http" },
      {
        IAC_APP: "todo",
        IAC_EVENT_BUS: "iac-todo-qa",
        IAC_PARAMS_PATH: "/iac/todo/qa/",
      },
    );
    expect(runtimeConfig().events).toBe(own);
    expect(runtimeConfig().params).toBeDefined();
  });
});

describe("the surface", () => {
  test("the default export holds every interface, under both module names", () => {
    expect(Object.keys(cloud).sort()).toEqual(["api", "data", "events", "http", "logs", "params", "schedule", "storage"]);
    expect(legacy).toBe(cloud);
    expect(cloud.schedule).toBe(schedule);
  });

  test("logs.retain is a run-time no-op that still checks its arguments", () => {
    expect(() => logs.retain(30, "days")).not.toThrow();
    expect(() => logs.retain(0, "days")).toThrow(RangeError);
  });
});

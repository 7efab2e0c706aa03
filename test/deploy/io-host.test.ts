// The IoHost's answer to the toolkit's deploy confirmation (I5060), fed a
// real TemplateDiff of the fixture templates, as the toolkit computes it
// against a deployed stack.
import { fullDiff } from "@aws-cdk/cloudformation-diff";
import type { IoRequest } from "@aws-cdk/toolkit-lib";
import { DeployDeclined, DeployProgress, IacIoHost } from "../../src/deploy";
import type { Change } from "../../src/diff";
import { baseSide, headSide } from "../diff/fixtures";
import type { CaseName } from "../diff/fixtures";

function confirmation(name: CaseName): IoRequest<unknown, boolean> {
  const b = baseSide();
  const h = headSide(name);
  return {
    time: new Date(),
    level: "info",
    action: "deploy",
    code: "CDK_TOOLKIT_I5060",
    message: "Stack includes updates. Do you wish to deploy these changes?",
    data: { motivation: "Stack includes updates", permissionChangeType: "none", templateDiffs: { "todo-prod": fullDiff(b.template ?? {}, h.template ?? {}) } },
    defaultResponse: true,
  };
}

function host(answer: boolean | undefined) {
  const asked: Change[][] = [];
  const approve =
    answer === undefined
      ? undefined
      : async (changes: Change[]) => {
          asked.push(changes);
          return answer;
        };
  return { io: new IacIoHost(new DeployProgress(() => undefined), approve), asked };
}

describe("IacIoHost deploy confirmation", () => {
  test("a widened IAM policy is put to the approver, and a yes lets the deployment go on", async () => {
    const { io, asked } = host(true);
    await expect(io.requestResponse(confirmation("storage-write"))).resolves.toBe(true);
    expect(asked).toHaveLength(1);
    expect(asked[0].map((c) => `${c.class} ${c.subject}`)).toEqual(["permissions FunctionScheduleRate1HourServiceRoleDefaultPolicy (AWS::IAM::Policy)"]);
    expect(io.changes).toHaveLength(2);
  });

  test("a no stops the deployment before anything changes", async () => {
    const { io } = host(false);
    await expect(io.requestResponse(confirmation("label-dropped"))).rejects.toBeInstanceOf(DeployDeclined);
    expect(io.declined).toBe(true);
  });

  test("safe changes are not asked about", async () => {
    const { io, asked } = host(false);
    await expect(io.requestResponse(confirmation("route-added"))).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  test("without an approver (no --require-approval, or --yes) nothing is asked", async () => {
    const { io } = host(undefined);
    await expect(io.requestResponse(confirmation("storage-removed"))).resolves.toBe(true);
    expect(io.changes.some((c) => c.class === "destructive")).toBe(true);
  });

  test("other requests get the toolkit's default answer", async () => {
    const { io } = host(false);
    const req: IoRequest<unknown, boolean> = { ...confirmation("route-added"), code: "CDK_TOOLKIT_I7010", defaultResponse: true };
    await expect(io.requestResponse(req)).resolves.toBe(true);
  });
});

/**
 * What `iac deploy` asks CloudFormation before it deploys: which stacks of
 * the app exist (by name, and by the `iac:app-id` tag that survives a
 * rename), and the template deployed now (to sequence label-index changes).
 * A one-interface port, so the deploy engine is tested against a stand-in
 * here, where AWS is unreachable; `cloudFormationStacks` is the real one
 * (@aws-sdk/client-cloudformation, loaded only when a deploy gets this far).
 */
import type { Template } from "../diff/types";

export interface DeployedStack {
  name: string;
  status: string;
  tags: Record<string, string>;
}

export interface StackLookup {
  /** The stack, or undefined when there is none (or only a change set that was never executed). */
  describe(stackName: string): Promise<DeployedStack | undefined>;
  /** Every live stack of the account and region whose tags include all of `tags`. */
  find(tags: Record<string, string>): Promise<DeployedStack[]>;
  /** The template the stack runs now, as deployed. */
  template(stackName: string): Promise<Template | undefined>;
}

/** Stacks that exist only as a change set under review hold no resources and no template to build on. */
const NOT_DEPLOYED = new Set(["REVIEW_IN_PROGRESS", "DELETE_COMPLETE"]);

export function cloudFormationStacks(region?: string): StackLookup {
  let client: Promise<typeof import("@aws-sdk/client-cloudformation") & { cf: import("@aws-sdk/client-cloudformation").CloudFormationClient }> | undefined;
  const sdk = () => (client ??= import("@aws-sdk/client-cloudformation").then((m) => ({ ...m, cf: new m.CloudFormationClient(region ? { region } : {}) })));
  const toStack = (s: { StackName?: string; StackStatus?: string; Tags?: { Key?: string; Value?: string }[] }): DeployedStack | undefined => {
    if (!s.StackName || !s.StackStatus || NOT_DEPLOYED.has(s.StackStatus)) return undefined;
    const tags: Record<string, string> = {};
    for (const t of s.Tags ?? []) if (t.Key !== undefined && t.Value !== undefined) tags[t.Key] = t.Value;
    return { name: s.StackName, status: s.StackStatus, tags };
  };
  return {
    async describe(stackName) {
      const m = await sdk();
      try {
        const out = await m.cf.send(new m.DescribeStacksCommand({ StackName: stackName }));
        const s = out.Stacks?.[0];
        return s ? toStack(s) : undefined;
      } catch (error) {
        // CloudFormation answers a missing stack with a ValidationError "Stack with id X does not exist".
        if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
        throw error;
      }
    },
    async find(tags) {
      const m = await sdk();
      const found: DeployedStack[] = [];
      let token: string | undefined;
      do {
        const page = await m.cf.send(new m.DescribeStacksCommand({ NextToken: token }));
        for (const s of page.Stacks ?? []) {
          const stack = toStack(s);
          if (stack && Object.entries(tags).every(([k, v]) => stack.tags[k] === v)) found.push(stack);
        }
        token = page.NextToken;
      } while (token);
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async template(stackName) {
      const m = await sdk();
      const out = await m.cf.send(new m.GetTemplateCommand({ StackName: stackName, TemplateStage: "Original" }));
      if (!out.TemplateBody) return undefined;
      const parsed: unknown = JSON.parse(out.TemplateBody);
      return isTemplate(parsed) ? parsed : undefined;
    },
  };
}

function isTemplate(v: unknown): v is Template {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

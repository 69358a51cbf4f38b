import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHINA_CONTEXT, GLOBAL_CONTEXT, type Synthesized, synthesize } from "./synth.js";

/** The rules this stack may acknowledge at all; a new one needs a look before it joins the list. */
const ACKNOWLEDGEABLE_RULES = [
  "AwsSolutions-APIG4",
  "AwsSolutions-COG2",
  "AwsSolutions-IAM5",
  "AwsSolutions-SMG4",
];

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([qualified, reason]) => ({
          path: construct.node.path,
          id: qualified.replace(/^annotation::/i, ""),
          reason,
        })),
      ),
  );
}

/** Runs the pack as cdk-nag's plugin does, optionally blind to acknowledgements. */
function findings(root: IConstruct, opts: { ignoreAcknowledgements: boolean }) {
  const pack = new AwsSolutionsChecks();
  if (opts.ignoreAcknowledgements) {
    // cdk-nag 3 has no public switch for this; its private check is replaced on this one instance.
    (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  }
  return pack.validateScope(root).violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity,
    paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? "?"),
  }));
}

const variants: [string, Record<string, unknown>][] = [
  ["global region (Cognito, SES, SNS)", GLOBAL_CONTEXT],
  ["China region (OIDC, SMTP, domestic SMS)", CHINA_CONTEXT],
];
const synthesized = new Map<string, Synthesized>();

beforeAll(() => {
  for (const [label, context] of variants) synthesized.set(label, synthesize(context, { bundle: false }));
});
afterAll(() => {
  for (const s of synthesized.values()) s.dispose();
});

describe.each(variants)("cdk-nag AWS Solutions checks, %s", (label) => {
  const app = () => {
    const s = synthesized.get(label);
    if (!s) throw new Error(`not synthesized: ${label}`);
    return s.app;
  };

  it("report no unacknowledged error or warning", () => {
    const open = findings(app(), { ignoreAcknowledgements: false }).filter(
      (f) => f.severity === "error" || f.severity === "warning",
    );
    expect(open).toEqual([]);
  });

  it("have every acknowledgement explained, on a rule that may be acknowledged", () => {
    const acknowledgements = acknowledgementsIn(app());
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.reason.trim().length, `${ack.id} at ${ack.path} needs a real reason`).toBeGreaterThanOrEqual(
        30,
      );
      expect(ACKNOWLEDGEABLE_RULES, `${ack.id} at ${ack.path}`).toContain(ack.id.replace(/\[.*$/, ""));
    }
  });

  it("acknowledge only findings that exist", () => {
    const all = findings(app(), { ignoreAcknowledgements: true });
    for (const ack of acknowledgementsIn(app())) {
      const matched = all.some(
        (f) => f.rule === ack.id && f.paths.some((p) => p === ack.path || p.startsWith(`${ack.path}/`)),
      );
      expect(matched, `stale acknowledgement ${ack.id} at ${ack.path}`).toBe(true);
    }
  });
});

import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepSubstitution } from "../../workflows/asl.js";
import { workflows } from "../../workflows/index.js";
import { functionNamed, GLOBAL_CONTEXT, resourcesOfType, type Synthesized, synthesize } from "./synth.js";

/** asl-validator is CommonJS without types: `module.exports = validator`. */
type AslValidator = (
  definition: unknown,
  opts?: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errorsText(separator?: string): string };
const aslValidator = createRequire(import.meta.url)("asl-validator") as AslValidator;

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize(GLOBAL_CONTEXT, { bundle: false });
});
afterAll(() => synth?.dispose());

function machineOf(name: string): Record<string, unknown> {
  const machine = Object.values(resourcesOfType(synth.template, "AWS::StepFunctions::StateMachine")).find(
    (m) => m.Properties.StateMachineName === `socorg-test-${name}`,
  );
  if (!machine?.Properties) throw new Error(`no state machine for workflow ${name}`);
  return machine.Properties;
}

/** The synthesized definition text: a plain string, or a Fn::Join whose parts are all literal. */
function definitionText(definitionString: unknown): string {
  if (typeof definitionString === "string") return definitionString;
  const join = (definitionString as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
  if (!join) throw new Error(`unexpected DefinitionString ${JSON.stringify(definitionString)}`);
  const [separator, parts] = join;
  const literal = parts.filter((p): p is string => typeof p === "string");
  expect(literal, "the definition must not embed CloudFormation tokens").toHaveLength(parts.length);
  return literal.join(separator);
}

/** Every `${Name}` in any string of the definition, found by walking it rather than its text. */
function placeholdersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === "string")
    for (const m of value.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)) found.add(m[1] as string);
  else if (Array.isArray(value)) for (const v of value) placeholdersIn(v, found);
  else if (value && typeof value === "object") for (const v of Object.values(value)) placeholdersIn(v, found);
  return found;
}

const PLACEHOLDER_LAMBDA = (step: string) => `arn:aws:lambda:us-east-1:123456789012:function:${step}`;

describe.each(Object.entries(workflows))("workflow %s", (name, spec) => {
  it("is synthesized exactly as the local engine runs it", () => {
    const deployed = JSON.parse(definitionText(machineOf(name).DefinitionString));
    expect(deployed).toEqual(JSON.parse(JSON.stringify(spec.definition)));
  });

  it("substitutes the partition and exactly the steps it calls", () => {
    const substitutions = machineOf(name).DefinitionSubstitutions as Record<string, unknown>;
    const placeholders = placeholdersIn(spec.definition);
    expect(new Set(Object.keys(substitutions))).toEqual(placeholders);
    expect(placeholders).toContain("Partition");
    expect(substitutions.Partition).toEqual({ Ref: "AWS::Partition" });
    const stepKeys = [...placeholders].filter((p) => p !== "Partition");
    expect(stepKeys.sort()).toEqual(
      spec.steps
        .map(stepSubstitution)
        .filter((key) => placeholders.has(key))
        .sort(),
    );
    for (const step of spec.steps.filter((s) => placeholders.has(stepSubstitution(s)))) {
      const { logicalId } = functionNamed(synth.template, `socorg-test-step-${step}`);
      expect(substitutions[stepSubstitution(step)]).toEqual({ "Fn::GetAtt": [logicalId, "Arn"] });
    }
  });

  it("is valid Amazon States Language", () => {
    let text = JSON.stringify(spec.definition).replaceAll("${Partition}", "aws");
    for (const step of spec.steps)
      text = text.replaceAll(`\${${stepSubstitution(step)}}`, PLACEHOLDER_LAMBDA(step));
    expect(text).not.toMatch(/\$\{/);
    const result = aslValidator(JSON.parse(text), { checkPaths: true, checkArn: true });
    expect(result.isValid, result.errorsText("\n")).toBe(true);
  });
});

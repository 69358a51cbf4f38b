import type { FC } from "hono/jsx";
import { ASSESSMENT_MATERIALS, type Indicator } from "../../../shared/domain/assessment/index.js";
import { numberOrText } from "../context.js";
import { Csrf, Field, type PageContext, ProblemSummary } from "../layout.js";
import type { Problems, Values } from "./forms.js";

const leavesOf = (i: Indicator): Indicator[] => (i.children?.length ? i.children.flatMap(leavesOf) : [i]);

/** Scores by leaf id, read from `<prefix>.<id>` fields; empty fields are left out. */
export function scoresFromForm(v: Values, prefix = "scores"): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (!k.startsWith(`${prefix}.`)) continue;
    const n = numberOrText(value);
    if (n !== undefined) out[k.slice(prefix.length + 1)] = n;
  }
  return out;
}

export function assessmentFromForm(v: Values): Record<string, unknown> {
  return {
    selfAssessment: {
      scores: scoresFromForm(v, "selfAssessment.scores"),
      summary: v["selfAssessment.summary"] ?? "",
    },
    materials: ASSESSMENT_MATERIALS.filter((kind) => v[`material.${kind}`]?.trim()).map((kind) => ({
      kind,
      ref: (v[`material.${kind}`] ?? "").trim(),
    })),
  };
}

/** One number field per leaf indicator, grouped under its first-level indicator, each with its maximum. */
export const ScoreFields: FC<{
  ctx: PageContext;
  indicators: readonly Indicator[];
  prefix: string;
  values: Values;
  problems: Problems;
}> = ({ ctx, indicators, prefix, values, problems }) => (
  <>
    {indicators.map((top) => (
      <fieldset>
        <legend>
          {top.name}（{ctx.ui.lang === "zh" ? "满分" : "max"} {top.max}）
        </legend>
        <div class="row">
          {leavesOf(top).map((leaf) => (
            <Field
              name={`${prefix}.${leaf.id}`}
              label={`${leaf.name}（${leaf.max}）`}
              value={values[`${prefix}.${leaf.id}`]}
              problems={problems}
              type="number"
            />
          ))}
        </div>
      </fieldset>
    ))}
  </>
);

export const AssessmentForm: FC<{
  ctx: PageContext;
  indicators: readonly Indicator[];
  maxScore: number;
  values: Values;
  problems: Problems;
  message?: string | undefined;
}> = ({ ctx, indicators, maxScore, values, problems, message }) => {
  const zh = ctx.ui.lang === "zh";
  return (
    <form method="post" action="/portal/assessment" novalidate>
      <Csrf ctx={ctx} />
      <ProblemSummary ctx={ctx} message={message} problems={problems} />
      <p class="muted">
        {zh
          ? `按评估指标逐项自评（总分 ${maxScore} 分），未评的项目可留空。`
          : `Score yourself on each indicator (out of ${maxScore}); leave blank what you do not score.`}
      </p>
      <ScoreFields
        ctx={ctx}
        indicators={indicators}
        prefix="selfAssessment.scores"
        values={values}
        problems={problems}
      />
      <Field
        name="selfAssessment.summary"
        label={zh ? "自评报告摘要" : "Self-assessment summary"}
        value={values["selfAssessment.summary"]}
        problems={problems}
        multiline
        required
      />
      <fieldset>
        <legend>{ctx.ui.t("materials")}</legend>
        {ASSESSMENT_MATERIALS.map((kind) => (
          <Field
            name={`material.${kind}`}
            label={`${ctx.ui.v(kind)}：${zh ? "材料编号或链接" : "Document ref or link"}`}
            value={values[`material.${kind}`]}
            problems={problems}
          />
        ))}
      </fieldset>
      <button type="submit">{ctx.ui.t("submit")}</button>
    </form>
  );
};

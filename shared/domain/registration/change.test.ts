import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nationalDefaults } from "../../settings/index.js";
import { type CaseRecord, type DeadlineRecord, organizationSubject } from "../cases/records.js";
import type { OrganizationRecord } from "../organizations/records.js";
import {
  applyChanges,
  changedFields,
  checkChangeApplication,
  type RecordChanges,
  requiredChangeMaterials,
} from "./change.js";
import {
  checkDeregistrationApplication,
  closedOnTermination,
  deregistrationFiledLate,
  requiredDeregistrationMaterials,
} from "./deregistration.js";

const settings = { ...nationalDefaults, level: "county" as const };
const rep = { name: "王芳", idNumber: "11010519491231002X", phone: "13800000000" };
const org: OrganizationRecord = {
  uscc: "51310114M00000019H",
  name: "上海市嘉定区摄影协会",
  orgType: "social_group",
  status: "registered",
  jurisdiction: "310114",
  registeredOn: "2020-05-01",
  domicile: "嘉定区博乐路1号",
  businessScope: "摄影交流",
  fundsCny: 50_000,
  legalRepresentative: rep,
  contact: { email: "a@example.org", phone: "13800000000" },
  supervisoryUnit: "嘉定区文化旅游局",
  creditLists: [],
  annualInspections: [],
  createdAt: "2020-05-01T00:00:00.000Z",
  version: 1,
};
const newRep = { name: "李强", idNumber: "310114197004020032", phone: "13900000000" };
const m = (...kinds: string[]) => kinds.map((kind) => ({ kind, ref: `doc-${kind}` }));

describe("change registration (变更登记)", () => {
  it("finds only the fields that really change", () => {
    expect(changedFields(org, { domicile: org.domicile, businessScope: "摄影交流与培训" })).toEqual([
      "businessScope",
    ]);
    expect(changedFields(org, { legalRepresentative: { ...rep } })).toEqual([]);
  });

  it("asks for the departure audit (离任审计) when the legal representative changes", () => {
    expect(requiredChangeMaterials(org, { legalRepresentative: newRep }, settings.change)).toEqual([
      "application_form",
      "change_resolution",
      "departure_audit",
      "supervisory_unit_approval",
    ]);
    const missing = checkChangeApplication(
      org,
      {
        changes: { legalRepresentative: newRep },
        materials: m("application_form", "change_resolution", "supervisory_unit_approval"),
      },
      settings,
    );
    expect(missing.map((v) => [v.field, v.code, v.message])).toEqual([
      ["materials", "materials_missing", "Missing materials: departure_audit"],
    ]);
  });

  it("needs the supervisory unit's consent only under dual management", () => {
    const direct = { ...org, supervisoryUnit: undefined, name: "上海市嘉定区摄影行业协会" };
    expect(requiredChangeMaterials(direct, { domicile: "嘉定区某路2号" }, settings.change)).toEqual([
      "application_form",
      "change_resolution",
    ]);
    expect(requiredChangeMaterials(org, { domicile: "嘉定区某路2号" }, settings.change)).toContain(
      "supervisory_unit_approval",
    );
  });

  it("refuses a change that changes nothing, funds below the minimum and a dropped supervisory unit", () => {
    expect(
      checkChangeApplication(org, { changes: { name: org.name }, materials: [] }, settings)[0]?.code,
    ).toBe("no_change");
    const all = m("application_form", "change_resolution", "supervisory_unit_approval");
    const problems = checkChangeApplication(
      org,
      { changes: { fundsCny: 10_000, supervisoryUnit: "" }, materials: all },
      settings,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["changes.fundsCny", "funds_below_minimum"],
      ["changes.supervisoryUnit", "supervisory_unit_missing"],
    ]);
  });

  it("carries the name check's problems onto the new name", () => {
    const problems = checkChangeApplication(
      org,
      {
        changes: { name: "上海市嘉定区摄影学会" },
        materials: m("application_form", "change_resolution", "supervisory_unit_approval"),
      },
      settings,
      {
        available: false,
        conflicts: [],
        problems: [{ field: "name", code: "name_taken", message: "taken" }],
      },
    );
    expect(problems).toEqual([{ field: "changes.name", code: "name_taken", message: "taken" }]);
  });

  it("applies the changes, keeps the USCC and records public history (the representative by name only)", () => {
    const { organization, history } = applyChanges(
      org,
      { legalRepresentative: newRep, domicile: org.domicile },
      "2026-03-02",
    );
    expect(organization.uscc).toBe(org.uscc);
    expect(organization.legalRepresentative).toEqual(newRep);
    expect(history).toEqual([{ field: "legalRepresentative", from: "王芳", to: "李强", on: "2026-03-02" }]);
    expect(organization.history).toEqual(history);
  });

  it("any change applied leaves the USCC, and history has one entry per changed field", () => {
    const changes: fc.Arbitrary<RecordChanges> = fc.record(
      {
        name: fc.constantFrom(org.name, "上海市嘉定区摄影家协会"),
        domicile: fc.string({ minLength: 1, maxLength: 8 }),
        businessScope: fc.string({ minLength: 1, maxLength: 8 }),
        fundsCny: fc.integer({ min: 0, max: 10_000_000 }),
        supervisoryUnit: fc.constantFrom("", "嘉定区科委", org.supervisoryUnit ?? ""),
        legalRepresentative: fc.constantFrom(rep, newRep),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(changes, (c) => {
        const fields = changedFields(org, c);
        const { organization, history } = applyChanges(org, c, "2026-01-05");
        expect(organization.uscc).toBe(org.uscc);
        expect(history.map((h) => h.field)).toEqual(fields);
        expect(changedFields(organization, c)).toEqual([]);
      }),
    );
  });
});

describe("deregistration (注销登记)", () => {
  const application = {
    reason: "宗旨已实现",
    liquidation: { reportRef: "清算报告-2026-01", completedOn: "2026-02-20" },
    materials: m("application_form", "supervisory_unit_approval"),
  };

  it("takes the liquidation report by reference, and asks for the supervisory unit's consent under dual management", () => {
    expect(requiredDeregistrationMaterials(org, settings.deregistration)).toEqual([
      "application_form",
      "liquidation_report",
      "supervisory_unit_approval",
    ]);
    expect(checkDeregistrationApplication(org, application, settings.deregistration, "2026-03-01")).toEqual(
      [],
    );
    const noConsent = { ...application, materials: m("application_form") };
    expect(
      checkDeregistrationApplication(org, noConsent, settings.deregistration, "2026-03-01")[0]?.message,
    ).toBe("Missing materials: supervisory_unit_approval");
  });

  it("refuses a liquidation not yet completed, one before registration, and no reason", () => {
    const future = {
      ...application,
      reason: " ",
      liquidation: { reportRef: "r", completedOn: "2026-03-02" },
    };
    expect(
      checkDeregistrationApplication(org, future, settings.deregistration, "2026-03-01").map((v) => [
        v.field,
        v.code,
      ]),
    ).toEqual([
      ["reason", "reason_required"],
      ["liquidation.completedOn", "liquidation_not_completed"],
    ]);
    const early = { ...application, liquidation: { reportRef: "r", completedOn: "2019-01-01" } };
    expect(checkDeregistrationApplication(org, early, settings.deregistration, "2026-03-01")[0]?.code).toBe(
      "before_registration",
    );
  });

  it("is late more than 15 days after the liquidation ends", () => {
    expect(deregistrationFiledLate("2026-02-20", "2026-03-07", settings.deregistration)).toBe(false);
    expect(deregistrationFiledLate("2026-02-20", "2026-03-08", settings.deregistration)).toBe(true);
  });

  it("ending an organization waives every running deadline and withdraws every open case but its own", () => {
    const d = (kind: DeadlineRecord["kind"], status: DeadlineRecord["status"]): DeadlineRecord => ({
      subject: organizationSubject(org.uscc),
      kind,
      ref: kind,
      dueDate: "2026-05-31",
      status,
      version: 1,
    });
    const c = (caseId: string, status: CaseRecord["status"]) => ({ caseId, status }) as CaseRecord;
    const deadlines = [
      d("annual_report", "open"),
      d("term_end", "extended"),
      d("event_summary", "met"),
      d("supplement", "paused"),
    ];
    const cases = [
      c("A", "under_review"),
      c("B", "approved"),
      c("DEREG", "under_review"),
      c("C", "rectifying"),
    ];
    const closed = closedOnTermination(deadlines, cases, "DEREG");
    expect(closed.waive.map((x) => x.kind)).toEqual(["annual_report", "term_end", "supplement"]);
    expect(closed.withdraw.map((x) => x.caseId)).toEqual(["A", "C"]);
  });
});

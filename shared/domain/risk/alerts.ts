/** A risk alert (风险预警) or an operator alert: what rule fired, on whom, and the evidence that explains it. */
export type Severity = "high" | "medium" | "low";

export const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export interface AlertRecord {
  alertId: string;
  jurisdiction: string;
  uscc?: string;
  rule: string;
  severity: Severity;
  explanation: string;
  evidence: Record<string, unknown>;
  raisedAt: string;
  status: "open" | "closed";
  version: number;
}

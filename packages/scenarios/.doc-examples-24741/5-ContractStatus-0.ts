import type { ContractReport, ContractStatus } from '@omnikit/scenarios';

const subjects = (report: ContractReport, status: ContractStatus) =>
  report.subjects.filter((s) => s.status === status).map((s) => s.subject);

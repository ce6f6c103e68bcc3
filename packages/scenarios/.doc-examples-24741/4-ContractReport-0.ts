import { writeFile } from 'node:fs/promises';
import type { ContractReport } from '@omnikit/scenarios';

const save = (report: ContractReport) => writeFile('contract.json', JSON.stringify(report, null, 2));

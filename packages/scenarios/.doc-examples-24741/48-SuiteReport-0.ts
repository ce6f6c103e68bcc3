import { writeFile } from 'node:fs/promises';
import type { SuiteReport } from '@omnikit/scenarios';

const save = (report: SuiteReport) => writeFile('report.json', JSON.stringify(report, null, 2));

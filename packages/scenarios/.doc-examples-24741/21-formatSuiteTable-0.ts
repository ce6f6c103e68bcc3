import { createMockUrlTarget, formatSuiteTable, library, runSuite } from '@omnikit/scenarios';

const report = await runSuite(library, { target: createMockUrlTarget({ baseUrl: 'http://127.0.0.1:4010' }) });
console.log(formatSuiteTable(report)); // Target: mock at http://127.0.0.1:4010 …

import { createInprocTarget, library, runSuite } from '@omnikit/scenarios';

const target = await createInprocTarget();
const { counts } = await runSuite(library.filter((s) => s.name.startsWith('shotgun')), { target });
await target.close();

import { createMockUrlTarget, library, runSuite } from '@omnikit/scenarios';

// A mock started elsewhere (omni-mock); its admin key when it has one.
const target = createMockUrlTarget({ baseUrl: 'http://127.0.0.1:4010', adminKey: process.env.OMNI_MOCK_ADMIN_KEY });
const report = await runSuite(library, { target });

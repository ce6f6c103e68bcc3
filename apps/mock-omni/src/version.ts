/** The mock's version (kept equal to package.json's by a test). */
export const MOCK_VERSION = '0.1.0';

import { defineConfig } from 'vitest/config';
import { omnikitVitest } from '../../vitest.shared.js';

export default defineConfig(omnikitVitest({}));

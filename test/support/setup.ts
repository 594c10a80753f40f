import { afterEach } from 'vitest';
import { cleanUpAfterTest } from './after-test.js';

afterEach(cleanUpAfterTest);

import { InMemoryCaseKeyStore } from './in-memory-case-keys.js';
import { describeVaultBehaviour } from './vault.behaviour.js';

const keys = new InMemoryCaseKeyStore();
describeVaultBehaviour('in memory (no database)', () => keys);

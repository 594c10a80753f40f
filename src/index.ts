// The library: `import { verifySignature, startEmulator, ... } from 'salesloft-hooks'`.
// It loads none of the CLI (oclif, prompts, ngrok) and no HTTP client until the emulator starts.
export { EVENT_TYPES, type EventType } from './catalog/event-types.js';
export { type Emulator, type EmulatorOptions, type FaultRule, startEmulator } from './library/emulator.js';
export { samplePayload } from './library/samples.js';
export {
  diagnoseSignature,
  SignatureError,
  signPayload,
  verifyRequest,
  verifySignature,
} from './library/signatures.js';

import { createRequire } from 'node:module';
import type * as UndiciModule from 'undici';

/** What this project uses of undici: its dispatchers (with their `request`) and its error classes. */
export interface Undici {
  Agent: typeof UndiciModule.Agent;
  EnvHttpProxyAgent: typeof UndiciModule.EnvHttpProxyAgent;
  errors: typeof UndiciModule.errors;
}

export type Dispatcher = UndiciModule.Dispatcher;
export type DispatchHandler = UndiciModule.Dispatcher.DispatchHandler;
export type DispatchController = UndiciModule.Dispatcher.DispatchController;

let loaded: Undici | undefined;
let loader: () => Undici = () => createRequire(import.meta.url)('undici') as Undici;

/**
 * undici, loaded on the first request and not before: `--help`, `events`, `verify` and the
 * library's import never pay for it. The CLI's launcher replaces the loader with one that reads a
 * bundle of the parts above through the V8 code cache (see scripts/bundle.js).
 */
export function undici(): Undici {
  loaded ??= loader();
  return loaded;
}

export function setUndiciLoader(load: () => Undici): void {
  loader = load;
}

// Preload: a runtime without node: modules, as an edge runtime is. process.getBuiltinModule goes,
// and any import of a node: module afterwards fails.
import { register } from 'node:module';

delete process.getBuiltinModule;
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { if (specifier.startsWith("node:")) throw new Error("no " + specifier + " here"); return next(specifier, context); }',
  )}`,
);

// Preload (`node --import`) that appends every module the process loads to $TRACE_IMPORTS_FILE,
// whether loaded through ESM import or CommonJS require.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.TRACE_IMPORTS_FILE;
if (file) {
  register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { file } });
  const originalLoad = Module._load;
  Module._load = function tracedLoad(request, parent, isMain) {
    appendFileSync(file, `require ${request}\n`);
    return originalLoad.call(this, request, parent, isMain);
  };
}

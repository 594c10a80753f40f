#!/usr/bin/env node
// CommonJS on purpose (see bin/package.json): Node starts a CommonJS file sooner than an ES module.
require('../dist/launch.cjs').launch(require('node:path').join(__dirname, '..'));

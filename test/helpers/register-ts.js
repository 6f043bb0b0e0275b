// A minimal require hook that compiles TypeScript with the project's tsconfig, as the Jest transform does, so that a
// test can run a TypeScript helper (the template migration, in global-setup.ts) in a child process.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const { config } = ts.readConfigFile(path.join(__dirname, '..', '..', 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, path.join(__dirname, '..', '..'));
const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, incremental: false, tsBuildInfoFile: undefined };

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

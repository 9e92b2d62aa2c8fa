// Prints the Terraform files given as arguments as one JSON object (file name -> parsed HCL), using
// @cdktf/hcl2json from the node_modules folder given first. Usage: node hcl2json.js NODE_MODULES FILE.tf...
const path = require('path');
const fs = require('fs');
const { parse } = require(path.join(process.argv[2], '@cdktf', 'hcl2json'));
(async () => {
  const out = {};
  for (const file of process.argv.slice(3)) {
    out[path.basename(file)] = await parse(file, fs.readFileSync(file, 'utf8'));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(String(e)); process.exit(1); });

// Reads the package with npm `datapackage` (tableschema-js) in strict mode, as an older (v1) Data
// Package reader would: every table must be tabular, cast to its declared types, and resolve its
// foreign keys. Prints one JSON report on stdout; exits 1 on any problem.
// Usage: node tests/js/read_datapackage.js PACKAGE_DIR
'use strict';
const path = require('path');
const { Package } = require('datapackage');

async function main() {
  const root = path.resolve(process.argv[2] || '.');
  const report = { valid: true, errors: [], tables: {} };
  let dp;
  try {
    dp = await Package.load(path.join(root, 'datapackage.json'), { basePath: root, strict: true });
  } catch (error) {
    report.valid = false;
    report.errors.push(`load: ${error.message}${(error.errors || []).map((e) => `; ${e.message}`).join('')}`);
    return report;
  }
  if (!dp.valid) {
    report.valid = false;
    report.errors.push(...dp.errors.map((e) => `descriptor: ${e.message}`));
  }
  for (const resource of dp.resources) {
    const descriptor = resource.descriptor;
    if (descriptor.type !== 'table') continue;
    if (!resource.tabular) {
      report.valid = false;
      report.errors.push(`${resource.name}: not tabular`);
      continue;
    }
    try {
      const rows = await resource.read({ keyed: true, cast: true, relations: true });
      const types = {};
      for (const field of resource.schema.fields) {
        const kinds = new Set(rows.map((row) => row[field.name]).filter((v) => v !== null).map((v) =>
          v instanceof Date ? 'date' : typeof v));
        types[field.name] = { declared: field.type, read: [...kinds].sort() };
      }
      report.tables[resource.name] = { rows: rows.length, types };
    } catch (error) {
      report.valid = false;
      const details = (error.errors || []).slice(0, 5).map((e) => `; ${e.message}`).join('');
      report.errors.push(`${resource.name}: ${error.message}${details}`);
    }
  }
  return report;
}

main().then((report) => {
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exit(report.valid ? 0 : 1);
}, (error) => {
  process.stdout.write(JSON.stringify({ valid: false, errors: [`crash: ${error.stack}`], tables: {} }) + '\n');
  process.exit(1);
});

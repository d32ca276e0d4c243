// Splits the sample plans (www/data/*.json) into small seed plans for the fuzzer: for each
// sample and each indicator kind in it, one plan with the sample's header, the sections used and
// up to two indicators of that kind. Small seeds keep the fuzzer fast and the corpus small while
// still reaching every kind's code. Usage: node fuzz/make-seeds.mjs OUT_DIR
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node fuzz/make-seeds.mjs OUT_DIR');
mkdirSync(out, { recursive: true });
const dir = new URL('../www/data/', import.meta.url);
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const plan = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  const kinds = [...new Set(plan.indicators.map((i) => i.kind))];
  for (const kind of kinds) {
    const indicators = plan.indicators.filter((i) => i.kind === kind).slice(0, 2);
    const used = new Set(indicators.map((i) => i.section));
    const seed = { ...plan, sections: plan.sections.filter((s) => used.has(s.id)), indicators };
    writeFileSync(join(out, `${name.replace(/\.json$/, '')}-${kind}.json`), JSON.stringify(seed));
  }
}

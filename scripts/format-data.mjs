// Writes data/*.yaml the way the web editor (Sveltia CMS) saves them, so that an edit made in
// the editor changes only the lines of the fields edited:  `make format-data` (or
// `node scripts/format-data.mjs`, add --check to list the files it would change).
//
// It uses what the editor uses: the field definitions of macros/editors/web_editor/config.yml (the order of
// fields; optional fields left empty are left out, as `omit_empty_optional_fields` does) and
// the same YAML library (`yaml`, pinned to the version the pinned @sveltia/cms bundles) with
// the editor's options (no folding of long lines, two-space indent, plain style where YAML
// allows, single quotes otherwise). Comments are dropped, as a save drops them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const config = parse(readFileSync(`${root}macros/editors/web_editor/config.yml`, 'utf8'));
const check = process.argv.includes('--check');

const isEmpty = (v) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

// The value as the editor rebuilds it from its fields: known fields in their order, then
// anything else as it was (the model forbids other fields, so `make check` reports those).
function shape(value, fields) {
  if (!fields || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const field of fields) {
    if (!(field.name in value)) continue;
    const v = shapeField(value[field.name], field);
    if (field.required === false && isEmpty(v)) continue;
    out[field.name] = v;
  }
  for (const [k, v] of Object.entries(value)) if (!(k in out) && !fields.some((f) => f.name === k)) out[k] = v;
  return out;
}

function shapeField(value, field) {
  if (field.widget === 'object') return shape(value, field.fields);
  if (field.widget === 'list' && Array.isArray(value) && field.fields) return value.map((item) => shape(item, field.fields));
  return value;
}

// The editor's own call (@sveltia/cms 0.221.1, output.yaml defaults as in config.yml).
const yamlOptions = config.output?.yaml ?? {};
const dump = (value) =>
  `${stringify(value, null, {
    indent: yamlOptions.indent_size ?? 2,
    indentSeq: yamlOptions.indent_sequences ?? true,
    lineWidth: 0,
    defaultKeyType: 'PLAIN',
    defaultStringType: 'PLAIN',
    singleQuote: true,
  }).trim()}\n`;

const changed = [];
function write(path, value) {
  const before = readFileSync(path, 'utf8');
  const after = dump(value);
  if (after !== before) {
    changed.push(path.slice(root.length));
    if (!check) writeFileSync(path, after);
  }
}

for (const collection of config.collections) {
  if (collection.folder) {
    const extension = `.${collection.extension ?? 'yaml'}`;
    const names = readdirSync(`${root}${collection.folder}`).filter((n) => n.endsWith(extension)).sort();
    for (const path of names.map((n) => `${root}${collection.folder}/${n}`)) {
      write(path, shape(parse(readFileSync(path, 'utf8')), collection.fields));
    }
  }
  for (const file of collection.files ?? []) {
    const path = `${root}${file.file}`;
    const value = parse(readFileSync(path, 'utf8'));
    const rootList = file.fields.length === 1 && file.fields[0].root ? file.fields[0] : null;
    write(path, rootList ? value.map((item) => shape(item, rootList.fields)) : shape(value, file.fields));
  }
}

console.log(changed.length ? `${check ? 'Would reformat' : 'Reformatted'}: ${changed.join(', ')}` : 'data/ is formatted as the web editor writes it.');
process.exitCode = check && changed.length ? 1 : 0;

// npm run --silent codes -- FILE
// FILE holds one encounter in the coding-rules.md §12 input format, or a JSON
// array of them. Prints the §12 result (or an array of results, same order) as
// JSON on stdout. Invalid input: messages naming the field on stderr, exit 2,
// nothing on stdout.
import { readFileSync } from 'node:fs';
import { codeEncounter, parseEncounterInput, type EncounterInput } from '../lib/coding';

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const args = argv.filter((a) => a !== '--');
  const file = args[0];
  if (!file || args.length > 1) fail(['usage: npm run --silent codes -- FILE   (one encounter, or a JSON array of encounters)']);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail([`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail([`${file}: not valid JSON (${(err as Error).message})`]);
  }

  const many = Array.isArray(data);
  const items: unknown[] = many ? (data as unknown[]) : [data];
  const inputs: EncounterInput[] = [];
  const errors: string[] = [];
  items.forEach((item, i) => {
    const r = parseEncounterInput(item, many ? `[${i}]` : '');
    if (r.ok) inputs.push(r.value);
    else errors.push(...r.errors);
  });
  if (errors.length > 0) fail(errors);

  const results = inputs.map((input) => codeEncounter(input));
  process.stdout.write(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
}

main(process.argv.slice(2));

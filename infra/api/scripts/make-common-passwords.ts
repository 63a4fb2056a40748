import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dictionary } from '@zxcvbn-ts/language-common';
// password-policy.ts's MIN_PASSWORD_LENGTH (not imported: that module loads this script's output); a test checks they agree.
const MIN_PASSWORD_LENGTH = 8;

/**
 * Writes infra/api/data/common-passwords.json from @zxcvbn-ts/language-common's password
 * dictionary (the most common passwords of public breach corpora, most common first), keeping
 * the ones long enough to pass the length rule (shorter ones are refused anyway), lowercased and
 * deduplicated. Run with `node --import tsx infra/api/scripts/make-common-passwords.ts` after
 * upgrading the package; the output is committed, so nothing is downloaded at run time.
 */
const out = path.resolve(import.meta.dirname, '../data/common-passwords.json');
const list = [
  ...new Set(
    dictionary['passwords-common'].map((p) => p.normalize('NFKC').toLowerCase()).filter((p) => [...p].length >= MIN_PASSWORD_LENGTH),
  ),
];
const file = {
  source: '@zxcvbn-ts/language-common passwords dictionary (MIT), entries of at least 8 characters, lowercased',
  generatedBy: 'infra/api/scripts/make-common-passwords.ts',
  passwords: list,
};
writeFileSync(out, `${JSON.stringify(file, null, 0).replace('"passwords":[', '"passwords":[\n').replaceAll('","', '",\n"')}\n`);
console.log(`wrote ${list.length} passwords to ${path.relative(process.cwd(), out)}`);

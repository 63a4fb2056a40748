import commonPasswords from '../data/common-passwords.json' with { type: 'json' };

/**
 * Which new passwords are accepted, after NIST SP 800-63B §5.1.1.2 (memorized secrets): at least
 * 8 characters, long ones accepted (64 and more; 1024 here, so the hash's work stays bounded), no
 * composition rules (no "one digit, one capital"), every printable character and space allowed,
 * and refused when it is a commonly used password (a list shipped with the project,
 * data/common-passwords.json) or the account's own email. Characters are counted after NFKC
 * normalization, as NIST asks and as passwords.ts hashes them.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

let common: ReadonlySet<string> | undefined;
const commonSet = (): ReadonlySet<string> => (common ??= new Set(commonPasswords.passwords));

/** How many passwords the shipped list holds (README quotes it). */
export const commonPasswordCount = (): number => commonSet().size;

/** Why a new password is refused (a sentence for `password: <reason>`), or undefined when it is accepted. */
export function passwordProblem(password: string, email: string): string | undefined {
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = normalized.toLowerCase();
  if (commonSet().has(lower)) return 'is one of the most commonly used passwords; choose another (a few unrelated words make a strong one)';
  const address = email.trim().toLowerCase();
  if (lower === address || lower === address.split('@')[0]) return 'must not be your email address';
  return undefined;
}

// A small bundled list of the passwords (and password stems) attackers try first. Long enough
// passwords built from these are still guessed early: "Password1234!" is "password" plus decoration.
// The list is deliberately short and offline; the 12-character minimum does most of the work.
const STEMS = [
  "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "qwertz", "azerty", "asdfgh", "asdfghjkl",
  "zxcvbn", "zxcvbnm", "letmein", "welcome", "admin", "administrator", "iloveyou", "monkey", "dragon", "master",
  "football", "baseball", "sunshine", "princess", "starwars", "superman", "batman", "trustno1", "whatever",
  "changeme", "secret", "default", "login", "test", "testing", "guest", "root", "toor", "abc", "abcdef", "abcdefgh",
  "vigil", "status", "statuspage", "incident", "summer", "winter", "spring", "autumn", "hello", "helloworld",
  "michael", "shadow", "mustang", "jordan", "harley", "ranger", "hunter", "killer", "soccer", "freedom",
  "correcthorsebatterystaple", "qazwsx", "qazwsxedc", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "zaq12wsx",
];
const STEM_SET = new Set(STEMS);

/** Keyboard and counting runs, as typed: "123456789012", "qwertyuiopas", "abcdefghijkl". */
const RUNS = ["01234567890123456789", "98765432109876543210", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

/** True when the password is a common one, or a common stem dressed up with digits and symbols. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().normalize("NFKC");
  const compact = lower.replace(/[\s_.-]+/g, "");
  if (STEM_SET.has(compact)) return true;
  if (RUNS.some((run) => run.includes(compact))) return true;
  // One repeated short unit: "abcabcabcabc", "123123123123".
  if (/^(.{1,4})\1+$/.test(compact)) return true;
  // Only digits and symbols: dates, phone numbers, PINs.
  if (/^[\d\W]+$/.test(compact)) return true;
  // A stem with decoration before or after: "Password123!", "!!welcome2026".
  const stem = compact.replace(/^[\d\W]+/, "").replace(/[\d\W]+$/, "");
  return STEM_SET.has(stem) || STEMS.some((s) => s.length >= 5 && stem === s + s);
}

/**
 * Character classes read off a UTF-16 code unit, where a regular expression per character (or a
 * match object per run) would cost more than the test (issue 11).
 */

/**
 * What `/\s/` matches, for one code unit: the ASCII spaces and controls \t \n \v \f \r, and Unicode's
 * spaces (U+00A0, U+1680, U+2000–U+200A, the line and paragraph separators, U+202F, U+205F,
 * U+3000) and the byte-order mark. All of them are single code units.
 */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** An ASCII letter, A–Z or a–z. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** What \w matches without the u flag: an ASCII letter or digit, or the underscore. */
export function isAsciiWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

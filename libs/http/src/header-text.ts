/**
 * Free text in a request header (the auditors' `Reason`), read as the sender typed it. Node hands
 * a header value over as a Latin-1 string, one character per byte on the wire; the rule
 * (docs/security.md) is:
 *
 * 1. `UTF-8'<language>'<value>` (RFC 8187, the charset case-insensitive, the language optional)
 *    is percent-decoded, and the bytes must be UTF-8: `UTF-8''Pr%C3%BCfung%202026`.
 * 2. Otherwise the bytes are UTF-8 where they are valid UTF-8 (what curl and browsers send for
 *    non-ASCII text), else ISO-8859-1 (HTTP/1.1's historical reading of such bytes).
 */
const RFC_8187 = /^utf-8'[A-Za-z0-9-]{0,35}'(.*)$/is;
const PERCENT_ENCODED = /^(?:[^%]|%[0-9A-Fa-f]{2})*$/s;

/** The header's text, or undefined if it claims RFC 8187 but is not valid percent-encoded UTF-8. */
export function decodeHeaderText(raw: string): string | undefined {
  const extended = RFC_8187.exec(raw);
  if (extended) {
    const encoded = extended[1]!;
    if (!PERCENT_ENCODED.test(encoded)) return undefined;
    const bytes = Buffer.from(
      encoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      ),
      'latin1',
    );
    return strictUtf8(bytes);
  }
  if (!/[^\p{ASCII}]/u.test(raw)) return raw;
  return strictUtf8(Buffer.from(raw, 'latin1')) ?? raw;
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

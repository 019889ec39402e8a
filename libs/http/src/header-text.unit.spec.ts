/**
 * Header text as the sender typed it: Node gives a header as one Latin-1 character per byte, so
 * the wire bytes are rebuilt here exactly as a client sends them (UTF-8, RFC 8187, ISO-8859-1).
 */
import fc from 'fast-check';
import { decodeHeaderText } from './header-text.js';

/** What Node's parser hands over for these bytes on the wire. */
const asReceived = (bytes: Buffer) => bytes.toString('latin1');
const utf8OnTheWire = (text: string) => asReceived(Buffer.from(text, 'utf8'));
/** RFC 8187's ext-value, percent-encoding every byte that is not an attr-char. */
const rfc8187 = (text: string) =>
  `UTF-8''${[...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')}`;

it('reads UTF-8 bytes as the text the auditor typed', () => {
  expect(decodeHeaderText(utf8OnTheWire('Prüfung 2026'))).toBe('Prüfung 2026');
  expect(decodeHeaderText(utf8OnTheWire('Проверка 2026'))).toBe('Проверка 2026');
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(decodeHeaderText(utf8OnTheWire(text))).toBe(text);
    }),
  );
});

it('reads RFC 8187 values (UTF-8, with or without a language tag)', () => {
  expect(decodeHeaderText("UTF-8''Pr%C3%BCfung%202026")).toBe('Prüfung 2026');
  expect(decodeHeaderText("utf-8'de'Pr%c3%bcfung")).toBe('Prüfung');
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(decodeHeaderText(rfc8187(text))).toBe(text);
    }),
  );
});

it('refuses an RFC 8187 value that is no percent-encoded UTF-8', () => {
  for (const bad of ["UTF-8''%C3", "UTF-8''%ZZ", "UTF-8''100%", "UTF-8''%FF%FE"]) {
    expect({ bad, text: decodeHeaderText(bad) }).toEqual({ bad, text: undefined });
  }
});

it('reads bytes that are no UTF-8 as ISO-8859-1, and ASCII as it is', () => {
  expect(decodeHeaderText(asReceived(Buffer.from('Prüfung 2026', 'latin1')))).toBe('Prüfung 2026');
  expect(decodeHeaderText('Routine check 17/2026')).toBe('Routine check 17/2026');
});

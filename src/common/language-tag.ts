// BCP 47 language tags (https://www.rfc-editor.org/info/bcp47) such as "en", "de-DE" or "zh-Hant-TW".

/**
 * The tag in its canonical form ("de-de" -> "de-DE"), or undefined when it is not a well-formed tag. Intl checks the
 * grammar; the primary language must be a two- or three-letter code, so that words such as "english" are refused.
 */
export function canonicalLanguageTag(value: string): string | undefined {
  if (!/^[a-z]{2,3}(?:-|$)/i.test(value)) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

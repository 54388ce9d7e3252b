//! Bytes to text: the charset a page declares, else UTF-8 when the bytes
//! are valid UTF-8, else the encoding `chardetng` guesses (as browsers do
//! for undeclared pages), so a Latin-1 or Windows-1252 file still reads.

use encoding_rs::Encoding;

/// The bytes as text, and the name of the encoding they were read as.
/// `declared` is a charset label from a header or a meta tag; an unknown
/// label is ignored. Bytes the encoding cannot map become U+FFFD.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, &'static str) {
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .unwrap_or_else(|| match std::str::from_utf8(bytes) {
            Ok(_) => encoding_rs::UTF_8,
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                detector.guess(None, true)
            }
        });
    (encoding.decode(bytes).0.into_owned(), encoding.name())
}

/// The value of a `charset=` parameter in a header or a meta tag.
pub fn charset_of(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let value: String = lower[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// The charset an HTML page declares in its first 2 KiB.
pub fn declared_in_html(bytes: &[u8]) -> Option<String> {
    charset_of(&String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_stays_utf8_and_latin1_is_detected() {
        assert_eq!(
            decode("Zürich".as_bytes(), None),
            ("Zürich".into(), "UTF-8")
        );
        let latin1 = b"Les employ\xe9s de l'usine de M\xfcnster ont appris la fermeture du site.";
        let (text, name) = decode(latin1, None);
        assert!(
            text.contains("employés") && text.contains("Münster"),
            "{text}"
        );
        assert_eq!(name, "windows-1252");
    }

    #[test]
    fn a_declared_charset_wins() {
        let (text, name) = decode(b"caf\xe9", Some("iso-8859-1"));
        assert_eq!((text.as_str(), name), ("café", "windows-1252"));
        assert_eq!(
            charset_of("text/html; charset=\"UTF-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            declared_in_html(b"<meta charset='koi8-r'>").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(charset_of("text/html"), None);
    }
}

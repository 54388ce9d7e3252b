//! WARC files (ISO 28500), as web crawlers such as Common Crawl write them:
//! each HTTP response record holding an HTML page becomes a document.
//!
//! The record framing is read here rather than with a WARC crate because a
//! crawl file must never cost more memory than one bounded record, and one
//! corrupt record must not end the file: after a bad record the reader looks
//! for the next `WARC/` version line and goes on.

use crate::charset;
use crate::html_to_document;
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use layoffwatch_model::Document;
use std::io::{self, BufRead, Read};

/// The longest header line, and the most header lines, of a record.
const MAX_HEADER_LINE: usize = 64 << 10;
const MAX_HEADERS: usize = 256;

/// One record of a WARC file that may be an article: the page as a
/// document, or why it could not be read. `offset` is where the record
/// starts in the (decompressed) stream.
#[derive(Debug)]
pub struct WarcItem {
    pub offset: u64,
    pub result: Result<Document, String>,
}

/// Reads the records of a WARC stream (decompressed already) and yields the
/// HTML pages of its `response` and `resource` records. Requests, metadata,
/// redirects, errors and non-HTML payloads are passed over silently;
/// records longer than `max_record` bytes, corrupt records and pages whose
/// HTML cannot be read are yielded as errors.
#[derive(Debug)]
pub struct WarcPages<R> {
    reader: R,
    offset: u64,
    max_record: usize,
    done: bool,
    /// A version line already read (after passed-over bytes were reported).
    resume: Option<u64>,
}

impl<R: BufRead> WarcPages<R> {
    pub fn new(reader: R, max_record: usize) -> Self {
        WarcPages {
            reader,
            offset: 0,
            max_record,
            done: false,
            resume: None,
        }
    }

    /// Reads one line of at most [`MAX_HEADER_LINE`] bytes, without its line
    /// end. `None` at the end of the stream; a longer line is an error.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_HEADER_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n > MAX_HEADER_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a header line longer than 64 KiB",
            ));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(buf))
    }

    /// Skips to the next version line. Returns its offset (`None` at the end
    /// of the stream) and where bytes other than blank lines were passed
    /// over on the way, if any (a sign of corruption).
    fn next_version_line(&mut self) -> io::Result<(Option<u64>, Option<u64>)> {
        let mut junk = None;
        loop {
            let at = self.offset;
            match self.line() {
                Ok(None) => return Ok((None, junk)),
                Ok(Some(l)) if l.starts_with(b"WARC/") => return Ok((Some(at), junk)),
                Ok(Some(l)) if l.is_empty() => {}
                Ok(Some(_)) => junk = junk.or(Some(at)),
                Err(e) if e.kind() == io::ErrorKind::InvalidData => junk = junk.or(Some(at)),
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads one record after its version line: the headers, then the
    /// block when it is worth keeping (`None` when it was skipped).
    fn record(&mut self) -> Result<Option<(Headers, Vec<u8>)>, String> {
        let mut headers = Headers::default();
        loop {
            let line = self
                .line()
                .map_err(|e| format!("reading the record headers: {e}"))?
                .ok_or("the file ends inside the record headers")?;
            if line.is_empty() {
                break;
            }
            if headers.0.len() >= MAX_HEADERS {
                return Err(format!("more than {MAX_HEADERS} header lines"));
            }
            let line = String::from_utf8_lossy(&line);
            if let Some((name, value)) = line.split_once(':') {
                headers
                    .0
                    .push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        let length: u64 = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .ok_or("no valid Content-Length header")?;
        let wanted = is_page_record(&headers);
        if !wanted || length > self.max_record as u64 {
            let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
                .map_err(|e| format!("reading the record: {e}"))?;
            self.offset += skipped;
            if skipped < length {
                return Err("the file ends inside the record".into());
            }
            if wanted {
                return Err(format!(
                    "a record of {length} bytes, over the limit of {} bytes; skipped",
                    self.max_record
                ));
            }
            return Ok(None);
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| format!("reading the record: {e}"))?;
        self.offset += block.len() as u64;
        if (block.len() as u64) < length {
            return Err("the file ends inside the record".into());
        }
        Ok(Some((headers, block)))
    }
}

impl<R: BufRead> Iterator for WarcPages<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        while !self.done {
            let offset = match self.resume.take() {
                Some(at) => at,
                None => match self.next_version_line() {
                    Ok((at, Some(junk))) => {
                        // Say what was passed over, then read the record
                        // found after it on the next call.
                        self.resume = at;
                        self.done = at.is_none();
                        let end = at.unwrap_or(self.offset);
                        return Some(WarcItem {
                            offset: junk,
                            result: Err(format!(
                                "bytes {junk}..{end} are not a WARC record; passed over"
                            )),
                        });
                    }
                    Ok((Some(at), None)) => at,
                    Ok((None, None)) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(WarcItem {
                            offset: self.offset,
                            result: Err(format!("reading the file: {e}")),
                        });
                    }
                },
            };
            let result = match self.record() {
                Err(e) => Err(e),
                Ok(None) => continue,
                Ok(Some((headers, block))) => match page(&headers, &block, self.max_record) {
                    Ok(None) => continue,
                    Ok(Some(doc)) => Ok(doc),
                    Err(e) => Err(e),
                },
            };
            return Some(WarcItem { offset, result });
        }
        None
    }
}

/// A record's or a response's header fields, names in lower case.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Responses (HTTP messages) and resources (bare payloads) may hold pages.
fn is_page_record(h: &Headers) -> bool {
    match h.get("warc-type") {
        Some(t) if t.eq_ignore_ascii_case("response") => h
            .get("content-type")
            .is_none_or(|c| c.to_ascii_lowercase().contains("application/http")),
        Some(t) if t.eq_ignore_ascii_case("resource") => h.get("content-type").is_some_and(is_html),
        _ => false,
    }
}

fn is_html(content_type: &str) -> bool {
    let c = content_type.to_ascii_lowercase();
    c.contains("text/html") || c.contains("application/xhtml")
}

/// The document of a page record; `None` when the response is not a page
/// (another status, another media type).
fn page(h: &Headers, block: &[u8], max: usize) -> Result<Option<Document>, String> {
    let url = h.get("warc-target-uri").map(|u| u.trim_matches(['<', '>']));
    let (content_type, body) = if h
        .get("warc-type")
        .is_some_and(|t| t.eq_ignore_ascii_case("resource"))
    {
        (h.get("content-type").map(str::to_string), block.to_vec())
    } else {
        match http_payload(block, max)? {
            None => return Ok(None),
            Some(p) => p,
        }
    };
    if !content_type.as_deref().is_some_and(is_html) {
        return Ok(None);
    }
    let html = decode(&body, content_type.as_deref());
    let id = url
        .map(str::to_string)
        .or_else(|| h.get("warc-record-id").map(str::to_string))
        .ok_or("a record with neither WARC-Target-URI nor WARC-Record-ID")?;
    let mut doc = html_to_document(&id, &html, url).map_err(|e| format!("{id}: {e}"))?;
    if doc.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Ok(None);
    }
    // A page that states no date gets the day it was fetched: news crawls
    // fetch articles within hours of publication.
    if doc.published.is_none() {
        doc.published = h
            .get("warc-date")
            .filter(|d| d.len() >= 10 && d.is_char_boundary(10))
            .map(|d| d[..10].to_string());
    }
    Ok(Some(doc))
}

/// The media type (lower case) and the decoded body of an HTTP response.
type Payload = (Option<String>, Vec<u8>);

/// The payload of an HTTP response that answered 200; `None` for other
/// statuses.
fn http_payload(block: &[u8], max: usize) -> Result<Option<Payload>, String> {
    let mut fields = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut fields);
    let head = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("the HTTP response head is cut off".into()),
        Err(e) => return Err(format!("the HTTP response head is unreadable: {e}")),
    };
    if response.code != Some(200) {
        return Ok(None);
    }
    let field = |name: &str| {
        response
            .headers
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| String::from_utf8_lossy(f.value).trim().to_ascii_lowercase())
    };
    let content_type = field("content-type");
    let mut body = block[head..].to_vec();
    if field("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("the chunked HTTP body is malformed")?;
    }
    body = match field("content-encoding").as_deref() {
        None | Some("" | "identity") => body,
        Some("gzip" | "x-gzip") => inflate(MultiGzDecoder::new(&body[..]), max)?,
        Some("deflate") => inflate(ZlibDecoder::new(&body[..]), max)?,
        Some(other) => return Err(format!("the body is {other}-compressed, not supported")),
    };
    Ok(Some((content_type, body)))
}

/// Decompresses at most `max` bytes.
fn inflate(reader: impl Read, max: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("the compressed body is corrupt: {e}"))?;
    if out.len() > max {
        return Err(format!("the body inflates past {max} bytes"));
    }
    Ok(out)
}

/// Joins the chunks of a chunked HTTP body.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let size_field = std::str::from_utf8(&body[..end]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

/// The body as text in the charset the response or the page declares
/// (else UTF-8, else the guessed encoding).
fn decode(body: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(charset::charset_of)
        .or_else(|| charset::declared_in_html(body));
    charset::decode(body, declared.as_deref()).0
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "<html><head><title>Acme cuts jobs</title></head><body><article>\
        <h1>Acme cuts jobs</h1><p>Acme Corp said on Tuesday it would lay off 300 workers at its \
        Ohio plant as demand for its widgets slowed sharply over the past year, the company said \
        in a statement.</p><p>The cuts amount to about 5% of its workforce, a spokeswoman said, \
        adding that staff would receive severance pay and help finding new jobs.</p></article>\
        </body></html>";

    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-04-03T10:00:00Z\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        r.extend_from_slice(body);
        r
    }

    fn pages(bytes: &[u8]) -> Vec<WarcItem> {
        WarcPages::new(bytes, 1 << 20).collect()
    }

    /// The error of an item that must be one.
    fn error(item: &WarcItem) -> &str {
        item.result.as_ref().unwrap_err()
    }

    const HTTP: &str = "application/http; msgtype=response";

    #[test]
    fn html_responses_become_documents_and_the_rest_is_passed_over() {
        let mut file = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: x\r\n",
        );
        file.extend(record(
            "request",
            "https://a.example/1",
            HTTP,
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        file.extend(record(
            "response",
            "https://a.example/1",
            HTTP,
            &response("200 OK", "Content-Type: text/html\r\n", ARTICLE.as_bytes()),
        ));
        file.extend(record(
            "response",
            "https://a.example/2",
            HTTP,
            &response("301 Moved", "Location: /1\r\n", b""),
        ));
        file.extend(record(
            "response",
            "https://a.example/img",
            HTTP,
            &response("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        let got = pages(&file);
        assert_eq!(got.len(), 1, "{got:?}");
        let doc = got[0].result.as_ref().unwrap();
        assert_eq!(doc.id, "https://a.example/1");
        assert_eq!(doc.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(doc.published.as_deref(), Some("2024-04-03"));
        assert!(doc.text.as_ref().unwrap().contains("lay off 300 workers"));
        assert!(got[0].offset > 0);
    }

    #[test]
    fn chunked_gzipped_and_latin1_bodies_are_decoded() {
        use std::io::Write;
        let latin1: Vec<u8> = ARTICLE
            .replace("Acme Corp", "Café Acmé")
            .chars()
            .map(|c| c as u8)
            .collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&latin1).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for piece in gz.chunks(100) {
            chunked.extend(format!("{:x}\r\n", piece.len()).into_bytes());
            chunked.extend_from_slice(piece);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let block = response(
            "200 OK",
            "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\n\
             Content-Encoding: gzip\r\n",
            &chunked,
        );
        let got = pages(&record("response", "https://b.example/", HTTP, &block));
        let text = got[0].result.as_ref().unwrap().text.clone().unwrap();
        assert!(text.contains("Café Acmé said"), "{text}");
    }

    #[test]
    fn a_corrupt_record_is_an_error_and_the_next_one_is_read() {
        let good = record(
            "response",
            "https://c.example/ok",
            HTTP,
            &response("200 OK", "Content-Type: text/html\r\n", ARTICLE.as_bytes()),
        );
        let mut file = b"WARC/1.0\r\nWARC-Type: response\r\n\r\ngarbage\r\n".to_vec();
        file.extend_from_slice(&good);
        // A record cut off by the end of the file.
        file.extend_from_slice(&good[..good.len() / 2]);
        let got = pages(&file);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(error(&got[0]).contains("Content-Length"));
        // The line the headerless record left behind is reported, not lost.
        assert!(error(&got[1]).contains("not a WARC record"));
        assert_eq!(got[1].offset, 33);
        assert_eq!(got[2].result.as_ref().unwrap().id, "https://c.example/ok");
        assert!(error(&got[3]).contains("ends inside"));
        // Bytes after the last record are reported too.
        let mut tail = good.clone();
        tail.extend_from_slice(b"stray bytes\r\n\r\n");
        let got = pages(&tail);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(error(&got[1]).contains(&format!("bytes {}..", good.len())));
    }

    #[test]
    fn an_oversized_record_is_skipped_with_an_error() {
        let big = response("200 OK", "Content-Type: text/html\r\n", &vec![b'x'; 5000]);
        let mut file = record("response", "https://d.example/big", HTTP, &big);
        file.extend(record(
            "response",
            "https://d.example/ok",
            HTTP,
            &response("200 OK", "Content-Type: text/html\r\n", ARTICLE.as_bytes()),
        ));
        let got: Vec<_> = WarcPages::new(&file[..], 4000).collect();
        assert_eq!(got.len(), 2);
        assert!(error(&got[0]).contains("over the limit"));
        assert!(got[1].result.is_ok());
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut seed = 7u64;
        for len in [0, 1, 10, 100, 5000] {
            let mut bytes =
                b"WARC/1.0\r\nContent-Length: 40\r\nWARC-Type: response\r\n\r\n".to_vec();
            for _ in 0..len {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                bytes.push((seed >> 33) as u8);
            }
            let _ = pages(&bytes);
        }
    }
}

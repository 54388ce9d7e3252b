//! Line reading with a bound on line length, so a 50 MB line costs bounded
//! memory and becomes an error for that line alone.

use std::io::{self, BufRead};

/// Lines longer than this many bytes are reported, not kept (16 MiB).
pub const DEFAULT_MAX_LINE: usize = 16 << 20;

/// How much of an over-long line is kept.
const PREFIX: usize = 4096;

/// One line of input, or the fact that it was too long.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Complete(Vec<u8>),
    /// The line's first bytes (up to 4 KiB, enough to find its id) and its full size.
    TooLong {
        prefix: Vec<u8>,
        size: usize,
    },
}

/// Iterator over the lines of a reader; lines over `max` bytes are skipped
/// without being held in memory. A read error (a corrupt compressed stream,
/// say) is yielded once and ends the lines.
#[derive(Debug)]
pub struct BoundedLines<R> {
    reader: R,
    max: usize,
    failed: bool,
}

impl<R: BufRead> BoundedLines<R> {
    pub fn new(reader: R, max: usize) -> Self {
        BoundedLines {
            reader,
            max,
            failed: false,
        }
    }
}

impl<R: BufRead> Iterator for BoundedLines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut buf = Vec::new();
        let mut size = 0usize;
        let mut overflow = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            };
            if chunk.is_empty() {
                if size == 0 {
                    return None;
                }
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            size += take;
            if !overflow && size > self.max {
                overflow = true;
            }
            if overflow {
                // Keep only the first 4 KiB: enough to find the line's id.
                let room = PREFIX.saturating_sub(buf.len());
                buf.extend_from_slice(&chunk[..take.min(room)]);
                buf.truncate(PREFIX);
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
            self.reader.consume(take);
            if done {
                break;
            }
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Some(Ok(if overflow {
            Line::TooLong { prefix: buf, size }
        } else {
            Line::Complete(buf)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_and_bounds_long_ones() {
        let input = format!("a\r\n{}\nc", "x".repeat(100));
        let lines: Vec<_> = BoundedLines::new(input.as_bytes(), 10)
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(lines[0], Line::Complete(b"a".to_vec()));
        assert!(matches!(&lines[1], Line::TooLong { size: 101, prefix } if prefix.len() <= 101));
        assert_eq!(lines[2], Line::Complete(b"c".to_vec()));
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_read_error_ends_the_lines() {
        struct Failing;
        impl io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::InvalidData, "corrupt"))
            }
        }
        let mut lines = BoundedLines::new(io::BufReader::new(Failing), 10);
        assert!(lines.next().unwrap().is_err());
        assert!(lines.next().is_none());
    }

    #[test]
    fn long_line_across_small_buffer_reads() {
        let input = format!("{}\nok\n", "y".repeat(50_000));
        let reader = io::BufReader::with_capacity(64, input.as_bytes());
        let lines: Vec<_> = BoundedLines::new(reader, 1000)
            .map(|l| l.unwrap())
            .collect();
        assert!(
            matches!(&lines[0], Line::TooLong { size: 50_001, prefix } if prefix.len() == 4096)
        );
        assert_eq!(lines[1], Line::Complete(b"ok".to_vec()));
    }
}

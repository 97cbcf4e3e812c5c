//! CSV files as offices save them: UTF-8 with or without a byte-order mark,
//! or GB18030 (GBK), which Excel and WPS write on Chinese Windows. The file
//! is streamed, so memory does not grow with it, and each row is placed on
//! the physical line where it starts, counted by this reader itself: CR LF
//! is one line end, and a quoted cell may span lines.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

use anyhow::{Result, anyhow, bail};

use super::{BadRow, Encoding, MAX_CELL_BYTES, Position, RawRow, Source, clip};

/// How much of the file the encoding is told from.
const SAMPLE: usize = 1 << 20;

pub(crate) struct CsvSource {
    file: String,
    encoding: Encoding,
    detected: bool,
    reader: csv::Reader<Tracked<Box<dyn Read>>>,
    lines: Rc<RefCell<Lines>>,
    record: csv::ByteRecord,
    header_len: Option<usize>,
    len: u64,
}

impl CsvSource {
    pub(crate) fn new(
        file: &str,
        mut input: Box<dyn Read>,
        len: u64,
        forced: Option<Encoding>,
    ) -> Result<CsvSource> {
        let mut sample = Vec::with_capacity(SAMPLE.min(len as usize + 16));
        (&mut input)
            .take(SAMPLE as u64)
            .read_to_end(&mut sample)
            .map_err(|e| anyhow!("{file}: cannot read the file: {e}"))?;
        let eof = sample.len() < SAMPLE;
        if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
            bail!(
                "{file}: is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or as .xlsx"
            );
        }
        let bom = sample.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &sample[3..] } else { &sample[..] };
        let (encoding, detected) = match forced {
            Some(e) => (e, false),
            None if bom || utf8_prefix(body, eof) => (Encoding::Utf8, true),
            None if gb18030_prefix(body, eof) => (Encoding::Gb18030, true),
            None => {
                let valid = std::str::from_utf8(body)
                    .err()
                    .map_or(body.len(), |e| e.valid_up_to());
                let line = 1 + count_lines(&body[..valid]);
                bail!(
                    "{file}: line {line}: the text is neither UTF-8 nor GB18030 (GBK); save the file as \"CSV UTF-8\", or name its encoding with --encoding"
                );
            }
        };
        let skip = if bom { 3 } else { 0 };
        sample.drain(..skip);
        let delimiter = delimiter_of(&sample);
        let text: Box<dyn Read> = Box::new(std::io::Cursor::new(sample).chain(input));
        let text: Box<dyn Read> = match encoding {
            Encoding::Utf8 => text,
            Encoding::Gb18030 => Box::new(Gb18030Reader::new(text)),
        };
        let lines = Rc::new(RefCell::new(Lines::default()));
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(Tracked {
                inner: text,
                lines: Rc::clone(&lines),
            });
        Ok(CsvSource {
            file: file.to_string(),
            encoding,
            detected,
            reader,
            lines,
            record: csv::ByteRecord::new(),
            header_len: None,
            len,
        })
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }
}

/// Commas, unless the header line has none and has tabs: what Excel's
/// "Text (Tab delimited)" and scanner apps write. Both are ASCII, never
/// part of a GB18030 character, so the raw bytes tell.
fn delimiter_of(sample: &[u8]) -> u8 {
    let first = sample.split(|b| *b == b'\n').next().unwrap_or(&[]);
    if !first.contains(&b',') && first.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}

impl Source for CsvSource {
    fn next_raw(&mut self) -> Result<Option<Result<RawRow, BadRow>>> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => match e.kind() {
                    csv::ErrorKind::Io(io) => {
                        return Err(anyhow!("{}: {io}", self.file));
                    }
                    _ => {
                        let pos = e.position().map_or(0, |p| p.byte());
                        let line = self.lines.borrow_mut().line_at(pos);
                        return Ok(Some(Err(BadRow {
                            pos: Position::Line(line),
                            fault: e.to_string(),
                        })));
                    }
                },
            }
            let start = self.record.position().map_or(0, |p| p.byte());
            let line = self.lines.borrow_mut().line_at(start);
            let pos = Position::Line(line);
            if self
                .record
                .iter()
                .all(|c| c.iter().all(|b| b.is_ascii_whitespace()))
            {
                continue;
            }
            let bad = |fault: String| {
                Ok(Some(Err(BadRow {
                    pos: pos.clone(),
                    fault,
                })))
            };
            if let Some(n) = self.header_len
                && self.record.len() != n
            {
                return bad(format!(
                    "the row has {} fields but the header has {n}",
                    self.record.len()
                ));
            }
            let mut cells = Vec::with_capacity(self.record.len());
            for (i, c) in self.record.iter().enumerate() {
                if c.len() > MAX_CELL_BYTES {
                    return bad(format!(
                        "column {} holds {} bytes; a cell may hold at most {MAX_CELL_BYTES}",
                        i + 1,
                        c.len()
                    ));
                }
                match std::str::from_utf8(c) {
                    // A line break inside a cell is one, whichever the file's line ends.
                    Ok(s) if s.contains('\r') => cells.push(s.replace("\r\n", "\n")),
                    Ok(s) => cells.push(s.to_string()),
                    Err(_) => {
                        let hint = if self.detected {
                            "; the file's start is UTF-8, but if it is GBK (as Excel saves CSV on Chinese Windows) use --encoding gb18030"
                        } else {
                            ""
                        };
                        return bad(format!(
                            "column {} is not valid UTF-8 (near {:?}){hint}",
                            i + 1,
                            clip(&String::from_utf8_lossy(c))
                        ));
                    }
                }
            }
            if self.header_len.is_none() {
                self.header_len = Some(cells.len());
            }
            return Ok(Some(Ok(RawRow { pos, cells })));
        }
    }

    fn progress(&self) -> (u64, u64) {
        (self.lines.borrow().read.min(self.len), self.len)
    }
}

/// Whether `b` is UTF-8, allowing a character cut off at the sample's end.
fn utf8_prefix(b: &[u8], eof: bool) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => !eof && e.error_len().is_none(),
    }
}

/// Whether `b` is GB18030 with no malformed sequence.
fn gb18030_prefix(b: &[u8], eof: bool) -> bool {
    let mut d = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(b.len() * 3 / 2 + 16);
    let (res, _) = d.decode_to_string_without_replacement(b, &mut out, eof);
    !matches!(res, encoding_rs::DecoderResult::Malformed(_, _))
}

fn count_lines(b: &[u8]) -> u64 {
    b.iter().filter(|c| **c == b'\n').count() as u64
}

/// The offsets of the CR and LF bytes read ahead of the record being
/// parsed (true for LF): only as many as the CSV reader's buffer holds, so
/// memory stays bounded.
#[derive(Default)]
struct Lines {
    ahead: VecDeque<(u64, bool)>,
    passed: u64,
    read: u64,
}

impl Lines {
    /// The line on which the record the CSV reader places at `offset`
    /// starts. The reader's offset is where it began to look, which may be
    /// before the LF of a CR LF or before blank lines, so line ends at the
    /// offset are stepped over first. Records come in order, so the line
    /// ends before them are counted once and forgotten.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut start = offset;
        while let Some(&(at, lf)) = self.ahead.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.ahead.pop_front();
            self.passed += u64::from(lf);
        }
        self.passed + 1
    }
}

struct Tracked<R> {
    inner: R,
    lines: Rc<RefCell<Lines>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut l = self.lines.borrow_mut();
        let base = l.read;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' || *b == b'\r' {
                l.ahead.push_back((base + i as u64, *b == b'\n'));
            }
        }
        l.read += n as u64;
        Ok(n)
    }
}

/// GB18030 decoded to UTF-8 as it is read. A malformed sequence is an I/O
/// error naming its line: the rest of the file cannot be trusted to be
/// GB18030 either.
struct Gb18030Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// The decoder has seen the end: it must not be called again.
    done: bool,
    line: u64,
}

impl<R: Read> Gb18030Reader<R> {
    fn new(inner: R) -> Self {
        Gb18030Reader {
            inner,
            decoder: encoding_rs::GB18030.new_decoder_without_bom_handling(),
            raw: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            line: 1,
        }
    }
}

impl<R: Read> Read for Gb18030Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 4 {
            // A UTF-8 character needs up to four bytes; the CSV reader
            // never asks for fewer.
            return Err(std::io::Error::other("buffer too small"));
        }
        loop {
            if self.done {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = self.inner.read(&mut self.raw)?;
                self.eof = self.end == 0;
            }
            let (res, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.raw[self.start..self.end],
                buf,
                self.eof,
            );
            self.line += count_lines(&buf[..written]);
            self.start += read;
            if self.eof && res == encoding_rs::DecoderResult::InputEmpty {
                self.done = true;
            }
            if let encoding_rs::DecoderResult::Malformed(_, _) = res {
                self.done = true;
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "line {}: the text is not valid GB18030 (GBK); save the file as \"CSV UTF-8\", or name its encoding with --encoding",
                        self.line
                    ),
                ));
            }
            if written > 0 || (self.eof && self.start == self.end) {
                return Ok(written);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8], enc: Option<Encoding>) -> Vec<String> {
        let mut s = CsvSource::new(
            "f.csv",
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            bytes.len() as u64,
            enc,
        )
        .unwrap();
        let mut out = Vec::new();
        while let Some(r) = s.next_raw().unwrap() {
            match r {
                Ok(r) => out.push(format!("{}: {}", r.pos, r.cells.join("|"))),
                Err(b) => out.push(format!("{b}")),
            }
        }
        out
    }

    #[test]
    fn lines_are_physical_for_lf_crlf_and_multi_line_cells() {
        let want = [
            "line 1: a|b",
            "line 2: 1|x",
            "line 4: 2|p\nq",
            "line 7: 3|y",
        ];
        for eol in ["\n", "\r\n"] {
            let text = ["a,b", "1,x", "", "2,\"p\nq\"", ",", "3,y"].join(eol) + eol;
            let text = text.replace("p\nq", &format!("p{eol}q"));
            let got = rows(text.as_bytes(), None);
            assert_eq!(got, want, "{eol:?}");
        }
    }

    #[test]
    fn a_tab_separated_file_is_read_by_its_header_line() {
        assert_eq!(
            rows("时间\t条码\n09:00\tNK-1\n".as_bytes(), None),
            ["line 1: 时间|条码", "line 2: 09:00|NK-1"]
        );
        // A comma in the header makes it CSV, tabs in a cell stay text.
        assert_eq!(
            rows(b"a,b\nx\ty,z\n", None),
            ["line 1: a|b", "line 2: x\ty|z"]
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("资产编号\t名称\nNK-1\t电脑\n");
        assert_eq!(
            rows(&gbk, None),
            ["line 1: 资产编号|名称", "line 2: NK-1|电脑"]
        );
    }

    #[test]
    fn encodings_are_told_apart() {
        let (gbk, _, _) = encoding_rs::GBK.encode("资产名称,使用科室\r\n电脑,放射科\r\n");
        assert_eq!(
            rows(&gbk, None),
            ["line 1: 资产名称|使用科室", "line 2: 电脑|放射科"]
        );
        let bom = "\u{feff}名称\n电脑\n".as_bytes();
        assert_eq!(rows(bom, None), ["line 1: 名称", "line 2: 电脑"]);
        let e = CsvSource::new(
            "f.csv",
            Box::new(std::io::Cursor::new(b"a\nb\n\xff\xff\n".to_vec())),
            0,
            None,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            e.starts_with("f.csv: line 3: the text is neither UTF-8"),
            "{e}"
        );
        // Forced UTF-8 on GBK: each row is refused with its line.
        let got = rows(&gbk, Some(Encoding::Utf8));
        assert!(
            got[0].starts_with("line 1: column 1 is not valid UTF-8"),
            "{got:?}"
        );
    }

    #[test]
    fn bad_rows_are_reported_and_reading_goes_on() {
        let got = rows(b"a,b\n1\n2,3\n", None);
        assert_eq!(
            got,
            [
                "line 1: a|b",
                "line 2: the row has 1 fields but the header has 2",
                "line 3: 2|3"
            ]
        );
        let big = format!("a\n{}\n", "x".repeat(MAX_CELL_BYTES + 1));
        assert!(rows(big.as_bytes(), None)[1].contains("a cell may hold at most"));
    }
}

//! Property tests: no input makes the reader panic. Random bytes, and real
//! files (the fixtures LibreOffice, iconv and msoffcrypto-tool made) with
//! bytes flipped, inserted, cut or spliced, go through format detection,
//! the encoding sniffing, the workbook parsers and every row. The number of
//! cases is proptest's `PROPTEST_CASES` (default 256 per property here).

use std::io::Cursor;

use proptest::prelude::*;

use super::*;

const FIXTURES: &[(&str, &[u8])] = &[
    (
        "r.csv",
        include_bytes!("../../tests/fixtures/import/固定资产登记表.csv"),
    ),
    (
        "r.xlsx",
        include_bytes!("../../tests/fixtures/import/固定资产登记表.xlsx"),
    ),
    (
        "r.xls",
        include_bytes!("../../tests/fixtures/import/固定资产登记表.xls"),
    ),
    (
        "r.ods",
        include_bytes!("../../tests/fixtures/import/固定资产登记表.ods"),
    ),
    (
        "g.csv",
        include_bytes!("../../tests/fixtures/import/register-gbk.csv"),
    ),
    (
        "p.xlsx",
        include_bytes!("../../tests/fixtures/import/password.xlsx"),
    ),
    (
        "p.xls",
        include_bytes!("../../tests/fixtures/import/password.xls"),
    ),
    (
        "s.xlsx",
        include_bytes!("../../tests/fixtures/import/软件清单.xlsx"),
    ),
];

/// Every row a file yields, through the raw source and through the mapped
/// table; errors are fine, a panic is not.
fn drain(bytes: Vec<u8>) {
    let len = bytes.len() as u64;
    let source: Result<Box<dyn Source>> = match sniff(&bytes) {
        Sniff::Zip | Sniff::Cfb => workbook::SheetSource::open("f", bytes.clone(), None)
            .map(|(_, s)| Box::new(s) as Box<dyn Source>),
        Sniff::Text => {
            csvsource::CsvSource::new("f", Box::new(Cursor::new(bytes.clone())), len, None)
                .map(|s| Box::new(s) as Box<dyn Source>)
        }
    };
    if let Ok(mut s) = source {
        while let Ok(Some(_)) = s.next_raw() {}
    }
    for enc in [None, Some(Encoding::Gb18030)] {
        let opts = ReadOptions {
            sheet: None,
            encoding: enc,
        };
        let mut m = Mapping::default();
        m.config(std::iter::empty(), &["备注".to_string()]);
        if let Ok(mut t) = Table::from_bytes("f", bytes.clone(), &opts, &schemas::ASSET, &m) {
            while let Some(Ok(row)) = t.next_row() {
                if let Ok(row) = row {
                    for (f, v) in row.fields() {
                        let _ = row.at(f);
                        let _ = values::date(f, v);
                        let _ = values::money(f, v);
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Cut(usize, usize),
    Truncate(usize),
}

fn mutate(mut b: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        if b.is_empty() {
            break;
        }
        let n = b.len();
        match m {
            Mutation::Flip(at, x) => b[at % n] ^= x | 1,
            Mutation::Insert(at, bytes) => {
                let at = at % n;
                b.splice(at..at, bytes.iter().copied());
            }
            Mutation::Cut(at, len) => {
                let at = at % n;
                let end = (at + len % 512).min(n);
                b.drain(at..end);
            }
            Mutation::Truncate(at) => b.truncate(at % n),
        }
    }
    b
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(a, x)| Mutation::Flip(a, x)),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(a, v)| Mutation::Insert(a, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Mutation::Cut(a, l)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        drain(bytes);
    }

    #[test]
    fn random_text_never_panics(text in "[,\"\r\n a-z0-9序号资产名称类别\u{feff}]{0,400}") {
        drain(text.into_bytes());
    }

    #[test]
    fn mutated_real_files_never_panic(
        which in 0..FIXTURES.len(),
        ms in proptest::collection::vec(mutation(), 1..8),
    ) {
        drain(mutate(FIXTURES[which].1.to_vec(), &ms));
    }

    #[test]
    fn office_values_never_panic(v in "\\PC{0,40}") {
        let _ = values::date("f", &v);
        let _ = values::money("f", &v);
        let _ = header::normalize(&v);
    }
}

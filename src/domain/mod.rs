//! The regulation's rules as plain Rust: validation, periods, findings.
//! Nothing here touches SQL or the terminal, so it is tested without either.

pub mod asset;
pub mod backup;
pub mod findings;
pub mod money;
pub mod time;

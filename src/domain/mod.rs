//! The regulation's rules as plain Rust: validation, periods, findings.
//! Nothing here touches SQL or the terminal, so it is tested without either.

pub mod asset;
pub mod backup;
pub mod collate;
pub mod consumable;
pub mod correction;
pub mod csvfile;
pub mod depreciation;
pub mod duty;
pub mod findings;
pub mod grading;
pub mod incident;
pub mod life;
pub mod money;
pub mod report;
pub mod request;
pub mod security;
pub mod software;
pub mod stocktake;
pub mod time;

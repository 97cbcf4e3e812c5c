//! `checked_sum(x)`: SQLite's `sum()` fails the whole query with "integer
//! overflow" once a total passes i64, so one absurd amount would stop every
//! report. Amounts are bounded when entered (domain::money), but a register
//! may still hold rows changed behind the tool's back; this sum gives NULL
//! (an empty cell) instead of failing, and `audit verify` names the row.

use rusqlite::Connection;
use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;

struct CheckedSum;

/// The running total; `None` once it overflowed or met a non-integer.
struct Total {
    sum: Option<i64>,
    any: bool,
}

impl Aggregate<Total, Option<i64>> for CheckedSum {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<Total> {
        Ok(Total {
            sum: Some(0),
            any: false,
        })
    }

    fn step(&self, ctx: &mut Context<'_>, acc: &mut Total) -> rusqlite::Result<()> {
        match ctx.get_raw(0) {
            ValueRef::Null => {}
            ValueRef::Integer(v) => {
                acc.any = true;
                acc.sum = acc.sum.and_then(|s| s.checked_add(v));
            }
            // An integer product that overflowed became a REAL; text or a
            // blob is no amount. Either way there is no exact total.
            _ => {
                acc.any = true;
                acc.sum = None;
            }
        }
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, acc: Option<Total>) -> rusqlite::Result<Option<i64>> {
        Ok(acc.and_then(|t| if t.any { t.sum } else { None }))
    }
}

/// Registers the functions the store's SQL uses on a new connection.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_aggregate_function(
        "checked_sum",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        CheckedSum,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_gives_null_not_an_error() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let sum = |sql: &str| -> Option<i64> { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            sum(
                "SELECT checked_sum(x) FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT NULL)"
            ),
            Some(3)
        );
        assert_eq!(
            sum("SELECT checked_sum(x) FROM (SELECT 9223372036854775807 AS x UNION ALL SELECT 1)"),
            None
        );
        assert_eq!(sum("SELECT checked_sum(x) FROM (SELECT NULL AS x)"), None);
        assert_eq!(
            sum("SELECT checked_sum(x) FROM (SELECT 1 AS x WHERE 0)"),
            None
        );
        assert_eq!(
            sum("SELECT checked_sum(x * y) FROM (SELECT 9223372036854775807 AS x, 3 AS y)"),
            None
        );
    }
}

//! What every `<area> void` command shares: the arguments, one transaction,
//! the message. Each area adds only what its records need (a consumable
//! movement is reversed, an upgrade's specs change is undone).

use std::marker::PhantomData;

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::types::Value as Sql;

use super::Ctx;
use crate::domain::asset::{one_of, parse_flag};
use crate::domain::correction::{self as dom, Field, Form, Voidable};
use crate::domain::money::parse_money;
use crate::domain::time::parse_date;
use crate::rows::{Rows, Value};
use crate::store::Tx;
use crate::store::correction as st;
use crate::store::registry as reg;

#[derive(Debug, Args)]
pub struct VoidArgs {
    /// The record's ID, as its listing shows it
    pub id: String,
    /// Why the record is void (it was entered by mistake, twice, for the wrong ...)
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
}

/// Voids the record `args.id` of one of `kinds`. `area` runs in the same
/// transaction before the void is written and may return the movement that
/// reverses the record, and a note for the message.
pub fn void(
    ctx: &mut Ctx,
    kinds: &[Voidable],
    args: &VoidArgs,
    area: impl FnOnce(&mut Tx<'_>, Voidable, i64, &str) -> Result<(Option<i64>, Option<String>)>,
) -> Result<u8> {
    let (kind, id) = dom::parse_event_id("ID", &args.id, kinds)?;
    let reason = dom::reason(&args.reason)?;
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    st::voidable(tx.conn(), kind, id)?;
    let (reversal, note) = area(&mut tx, kind, id, &reason)?;
    st::void(&mut tx, kind, id, &reason, reversal)?;
    tx.commit()?;
    let shown = st::shown_id(kind, id);
    let mut rows = Rows::new(&["entity", "id", "reason", "voided_by", "reversal"]);
    rows.push(vec![
        Value::Text(kind.table.to_string()),
        Value::Text(shown.clone()),
        Value::Text(reason.clone()),
        Value::Text(ctx.who.actor.clone()),
        reversal.map_or(Value::Null, Value::Int),
    ]);
    let mut message = format!("Voided {} {shown}: {reason}", kind.noun);
    if let Some(n) = note {
        message.push_str("; ");
        message.push_str(&n);
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// For areas with nothing to add to a void.
pub fn nothing(
    _: &mut Tx<'_>,
    _: Voidable,
    _: i64,
    _: &str,
) -> Result<(Option<i64>, Option<String>)> {
    Ok((None, None))
}

/// The fields an `edit` command offers, as data (see `domain::correction`).
pub trait FieldList {
    const FIELDS: &'static [Field];
}

#[derive(Debug, Clone, Copy)]
pub struct AssetFields;
impl FieldList for AssetFields {
    const FIELDS: &'static [Field] = dom::ASSET_FIELDS;
}
#[derive(Debug, Clone, Copy)]
pub struct PersonFields;
impl FieldList for PersonFields {
    const FIELDS: &'static [Field] = dom::PERSON_FIELDS;
}
#[derive(Debug, Clone, Copy)]
pub struct DeptFields;
impl FieldList for DeptFields {
    const FIELDS: &'static [Field] = dom::DEPT_FIELDS;
}
#[derive(Debug, Clone, Copy)]
pub struct SystemFields;
impl FieldList for SystemFields {
    const FIELDS: &'static [Field] = dom::SYSTEM_FIELDS;
}

/// `--FIELD VALUE` for every field of the list, built from the list itself
/// so that a field added there is an option here with no other change.
#[derive(Debug, Clone)]
pub struct Edits<F> {
    pub values: Vec<(Field, String)>,
    _list: PhantomData<F>,
}

impl<F: FieldList> clap::FromArgMatches for Edits<F> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut values = Vec::new();
        for f in F::FIELDS {
            if let Some(v) = m.get_one::<String>(f.option) {
                values.push((*f, v.clone()));
            }
        }
        Ok(Edits {
            values,
            _list: PhantomData,
        })
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl<F: FieldList> clap::Args for Edits<F> {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for f in F::FIELDS {
            cmd = cmd.arg(
                clap::Arg::new(f.option)
                    .long(f.option)
                    .value_name("VALUE")
                    .help(f.help)
                    .allow_hyphen_values(true),
            );
        }
        cmd
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// The arguments every `edit` shares besides its fields.
#[derive(Debug, Args)]
pub struct EditReason {
    /// Why the record is corrected (required; shown in its history)
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
}

/// A typed value as the register stores it, checked as registration checks
/// it. An empty value clears an optional field.
pub fn stored(ctx: &Ctx, tx: &Tx<'_>, f: &Field, typed: &str) -> Result<Sql> {
    let opt = format!("--{}", f.option);
    let v = typed.trim();
    if v.is_empty() {
        return match f.form {
            Form::Text { required: false } | Form::PastDate | Form::Money => Ok(Sql::Null),
            _ => bail!("{opt}: must not be empty"),
        };
    }
    Ok(match f.form {
        Form::Text { .. } => Sql::Text(v.to_string()),
        Form::PastDate => {
            let d = parse_date(&opt, v)?;
            not_after_today(ctx, &opt, d)?;
            Sql::Text(d.to_string())
        }
        Form::Money => Sql::Integer(parse_money(&opt, v)?),
        Form::Bool => Sql::Integer(i64::from(parse_flag(&opt, v)?)),
        Form::Choice(list) => Sql::Text(one_of(&opt, v, list)?),
        Form::AssetKind => Sql::Text(one_of(&opt, v, &ctx.config.asset.kinds)?),
        Form::Dept => Sql::Integer(reg::dept_id(tx.conn(), &opt, v)?),
    })
}

/// Refuses a date after the as-of day: a purchase, a repair or a duty
/// cannot have happened tomorrow.
pub fn not_after_today(ctx: &Ctx, field: &str, d: chrono::NaiveDate) -> Result<()> {
    if d > ctx.clock.as_of {
        bail!(
            "{field}: {d} is after today ({}); give the date it actually happened",
            ctx.clock.as_of
        );
    }
    Ok(())
}

/// Applies an edit in the open transaction and returns the message.
#[allow(clippy::too_many_arguments)]
pub fn edit(
    ctx: &Ctx,
    tx: &mut Tx<'_>,
    audited: crate::store::Audited,
    entity: &'static str,
    id: i64,
    what: &str,
    values: &[(Field, String)],
    reason: &str,
) -> Result<String> {
    if values.is_empty() {
        let list: Vec<String> = values_hint(audited);
        bail!("nothing to change; give one or more of {}", list.join(", "));
    }
    let reason = dom::reason(reason)?;
    let made = amend_fields(ctx, tx, audited, entity, id, values, &reason)?;
    amended(what, &made)
}

/// Amends `values` in the open transaction; returns the amendments made
/// ("field old -> new"), none when every value is the one recorded. For an
/// edit that amends more than the record's own fields (an asset's life).
pub fn amend_fields(
    ctx: &Ctx,
    tx: &mut Tx<'_>,
    audited: crate::store::Audited,
    entity: &'static str,
    id: i64,
    values: &[(Field, String)],
    reason: &str,
) -> Result<Vec<String>> {
    let mut changes = Vec::new();
    for (f, typed) in values {
        changes.push((*f, stored(ctx, tx, f, typed)?));
    }
    st::edit(tx, audited, entity, id, &changes, reason, &ctx.today())
}

/// The message of an edit, or its refusal when it changed nothing.
pub fn amended(what: &str, made: &[String]) -> Result<String> {
    if made.is_empty() {
        bail!("the edit changes nothing; every value given is the one recorded");
    }
    Ok(format!("Amended {what}: {}", made.join("; ")))
}

pub fn values_hint(audited: crate::store::Audited) -> Vec<String> {
    let fields = match audited.table {
        "asset" => dom::ASSET_FIELDS,
        "person" => dom::PERSON_FIELDS,
        "department" => dom::DEPT_FIELDS,
        _ => dom::SYSTEM_FIELDS,
    };
    fields.iter().map(|f| format!("--{}", f.option)).collect()
}

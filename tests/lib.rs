//! End-to-end tests: the real binary, in a fresh folder, with a fresh
//! register, asserting what a user would see. One test binary, one file per area.

// Not every area uses every helper of the driver.
#[allow(dead_code)]
mod support;

mod asset;
mod audit;
mod audit_scale;
mod backup;
mod backup_chain;
mod browser;
mod completion;
mod consumable;
mod consumable_plan;
mod correction;
mod demo;
mod docs;
mod duty;
mod examples;
mod exit_codes;
mod grade;
mod grade_lifecycle;
mod help;
mod identity;
mod import;
mod incident;
mod label;
mod lang;
mod life;
mod localtime;
mod messages;
mod output;
mod paperwork;
mod readme;
mod registry;
mod reliability;
mod report;
mod request;
mod safety;
mod secops;
mod setup;
mod software;
mod stocktake;
mod trust;

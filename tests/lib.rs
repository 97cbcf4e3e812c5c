//! End-to-end tests: the real binary, in a fresh folder, with a fresh
//! register, asserting what a user would see. One test binary, one file per area.

// Not every area uses every helper of the driver.
#[allow(dead_code)]
mod support;

mod asset;
mod audit;
mod backup;
mod consumable;
mod demo;
mod docs;
mod duty;
mod examples;
mod grade;
mod identity;
mod lang;
mod output;
mod registry;
mod reliability;
mod report;
mod request;
mod safety;
mod setup;
mod software;
mod trust;

//! End-to-end tests: the real binary, in a fresh folder, with a fresh
//! register, asserting what a user would see. One test binary, one file per area.

// Not every area uses every helper of the driver.
#[allow(dead_code)]
mod support;

mod asset;
mod audit;
mod backup;
mod browser;
mod consumable;
mod demo;
mod docs;
mod duty;
mod examples;
mod grade;
mod lang;
mod localtime;
mod output;
mod paperwork;
mod registry;
mod reliability;
mod report;
mod request;
mod setup;
mod software;

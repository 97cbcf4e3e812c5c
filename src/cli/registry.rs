//! `infogov dept`, `person` and `system`: the registries the areas refer to.

use anyhow::Result;
use clap::{Subcommand, ValueEnum};

use super::Ctx;
use crate::store::registry as reg;

#[derive(Debug, Subcommand)]
pub enum DeptCmd {
    /// Add a department
    Add {
        /// The department's name, e.g. 内科 or Finance
        name: String,
        /// A short code, usable wherever a department is named
        #[arg(long)]
        code: Option<String>,
        /// Its IT liaison (信息员), a registered person (NAME or NAME@DEPT)
        #[arg(long, value_name = "PERSON")]
        liaison: Option<String>,
    },
    /// Name a department's IT liaison (信息员, ORG-1)
    Liaison {
        /// The department (name or code)
        dept: String,
        /// A registered person (NAME or NAME@DEPT)
        person: String,
    },
    /// List departments with their liaison and counts
    List,
    /// Correct a department's name or code typed wrong (with a reason, kept
    /// as an amendment)
    Edit {
        /// The department (name or code)
        dept: String,
        #[command(flatten)]
        fields: super::correction::Edits<super::correction::DeptFields>,
        #[command(flatten)]
        reason: super::correction::EditReason,
    },
}

impl DeptCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        let mut store = ctx.open()?;
        match self {
            DeptCmd::Add {
                name,
                code,
                liaison,
            } => {
                let today = ctx.today();
                let mut tx = store.write(&ctx.who)?;
                let liaison = match &liaison {
                    Some(p) => Some(reg::person_id(tx.conn(), "--liaison", p, None)?),
                    None => None,
                };
                let id = reg::add_dept(&mut tx, &name, code.as_deref(), liaison, &today)?;
                let rows = reg::list_depts(tx.conn(), Some(id))?;
                tx.commit()?;
                ctx.out
                    .done(&format!("Added department {}", name.trim()), &rows)?;
            }
            DeptCmd::Edit {
                dept,
                fields,
                reason,
            } => {
                let mut tx = store.write(&ctx.who)?;
                let d = reg::dept_id(tx.conn(), "DEPT", &dept)?;
                let message = super::correction::edit(
                    ctx,
                    &mut tx,
                    crate::store::audit::DEPARTMENT,
                    "department",
                    d,
                    dept.trim(),
                    &fields.values,
                    &reason.reason,
                )?;
                let rows = reg::list_depts(tx.conn(), Some(d))?;
                tx.commit()?;
                ctx.out.done(&message, &rows)?;
            }
            DeptCmd::Liaison { dept, person } => {
                let mut tx = store.write(&ctx.who)?;
                let d = reg::dept_id(tx.conn(), "DEPT", &dept)?;
                let p = reg::person_id(tx.conn(), "PERSON", &person, Some(d))?;
                reg::set_liaison(&mut tx, d, p)?;
                let rows = reg::list_depts(tx.conn(), Some(d))?;
                tx.commit()?;
                ctx.out.done(
                    &format!("{} is now the IT liaison of {dept}", person.trim()),
                    &rows,
                )?;
            }
            DeptCmd::List => ctx.out.rows(&reg::list_depts(store.conn(), None)?)?,
        }
        Ok(0)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Role {
    /// An ordinary member of staff
    Staff,
    /// The IT office: registers, reviews and fulfils
    Office,
    /// A leader who approves (general manager, dean)
    Approver,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Office => "office",
            Role::Approver => "approver",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person to a department
    Add {
        /// The person's name
        name: String,
        /// Their department (name or code)
        #[arg(long)]
        dept: String,
        /// Their role in approvals
        #[arg(long, value_enum, default_value_t = Role::Staff)]
        role: Role,
        /// Their OS login: when that user runs infogov, this person is the actor
        #[arg(long, value_name = "NAME")]
        login: Option<String>,
    },
    /// Give a person an OS login (or change it); an administrator's change
    Login {
        /// The person (NAME or NAME@DEPT)
        person: String,
        /// The OS login name
        login: String,
    },
    /// Grant or revoke a person's role; only an administrator (the office
    /// role), and never to themselves
    Role {
        /// The person (NAME or NAME@DEPT)
        person: String,
        /// The role to grant (it replaces the current one)
        #[arg(
            long,
            value_enum,
            value_name = "ROLE",
            conflicts_with = "revoke",
            required_unless_present = "revoke"
        )]
        grant: Option<Role>,
        /// The role to revoke (the person becomes staff)
        #[arg(long, value_enum, value_name = "ROLE")]
        revoke: Option<Role>,
    },
    /// List people
    List {
        /// Only this department
        #[arg(long)]
        dept: Option<String>,
    },
    /// Correct a person's name or department typed wrong (with a reason,
    /// kept as an amendment)
    Edit {
        /// The person (NAME or NAME@DEPT)
        person: String,
        #[command(flatten)]
        fields: super::correction::Edits<super::correction::PersonFields>,
        #[command(flatten)]
        reason: super::correction::EditReason,
    },
}

impl PersonCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        let mut store = ctx.open()?;
        match self {
            PersonCmd::Add {
                name,
                dept,
                role,
                login,
            } => {
                let today = ctx.today();
                let mut tx = store.write(&ctx.who)?;
                if !matches!(role, Role::Staff) || login.is_some() {
                    super::identity::authorise_role_change(
                        tx.conn(),
                        &ctx.who,
                        "register a person with a role or a login",
                        None,
                    )?;
                }
                let d = reg::dept_id(tx.conn(), "--dept", &dept)?;
                let id = reg::add_person(&mut tx, &name, d, role.as_str(), &today)?;
                if let Some(login) = &login {
                    crate::store::identity::set_login(&mut tx, id, login, &today)?;
                }
                let rows = reg::list_people(tx.conn(), None, Some(id))?;
                tx.commit()?;
                ctx.out.done(
                    &format!("Added {} to {dept} as {}", name.trim(), role.as_str()),
                    &rows,
                )?;
            }
            PersonCmd::Edit {
                person,
                fields,
                reason,
            } => {
                let mut tx = store.write(&ctx.who)?;
                let p = reg::person_id(tx.conn(), "PERSON", &person, None)?;
                let message = super::correction::edit(
                    ctx,
                    &mut tx,
                    crate::store::audit::PERSON,
                    "person",
                    p,
                    person.trim(),
                    &fields.values,
                    &reason.reason,
                )?;
                let rows = reg::list_people(tx.conn(), None, Some(p))?;
                tx.commit()?;
                ctx.out.done(&message, &rows)?;
            }
            PersonCmd::Login { person, login } => {
                let today = ctx.today();
                let mut tx = store.write(&ctx.who)?;
                let p = reg::person_id(tx.conn(), "PERSON", &person, None)?;
                super::identity::authorise_role_change(
                    tx.conn(),
                    &ctx.who,
                    "give a login to",
                    Some(p),
                )?;
                crate::store::identity::set_login(&mut tx, p, &login, &today)?;
                let rows = reg::list_people(tx.conn(), None, Some(p))?;
                tx.commit()?;
                ctx.out.done(
                    &format!("{} now logs in as {}", person.trim(), login.trim()),
                    &rows,
                )?;
            }
            PersonCmd::Role {
                person,
                grant,
                revoke,
            } => {
                let mut tx = store.write(&ctx.who)?;
                let p = reg::person_id(tx.conn(), "PERSON", &person, None)?;
                let current = crate::store::identity::registered_by_id(tx.conn(), p)?.role;
                let (what, new) = match (grant, revoke) {
                    (Some(g), _) => ("grant a role to", g.as_str()),
                    (None, Some(r)) => {
                        if current != r.as_str() {
                            anyhow::bail!(
                                "--revoke: {} is {current}, not {}",
                                person.trim(),
                                r.as_str()
                            );
                        }
                        ("revoke a role of", "staff")
                    }
                    (None, None) => anyhow::bail!("--grant or --revoke: name the role"),
                };
                super::identity::authorise_role_change(tx.conn(), &ctx.who, what, Some(p))?;
                if current == new {
                    anyhow::bail!("--grant: {} is already {new}", person.trim());
                }
                crate::store::identity::set_role(&mut tx, p, new)?;
                let rows = reg::list_people(tx.conn(), None, Some(p))?;
                tx.commit()?;
                ctx.out.done(
                    &format!("{} is now {new} (was {current})", person.trim()),
                    &rows,
                )?;
            }
            PersonCmd::List { dept } => {
                let d = match &dept {
                    Some(d) => Some(reg::dept_id(store.conn(), "--dept", d)?),
                    None => None,
                };
                ctx.out.rows(&reg::list_people(store.conn(), d, None)?)?;
            }
        }
        Ok(0)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Stage {
    /// Being designed or built: must be graded before it goes into service (GRD-6)
    Design,
    /// In service
    InService,
    /// Out of service, kept for the record
    Retired,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Design => "design",
            Stage::InService => "in-service",
            Stage::Retired => "retired",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SystemCmd {
    /// Add an information system
    Add {
        /// The system's name, e.g. HIS
        name: String,
        /// The department that owns it
        #[arg(long, value_name = "DEPT")]
        owner_dept: String,
        /// What it is for
        #[arg(long)]
        description: Option<String>,
        /// Its lifecycle stage
        #[arg(long, value_enum, default_value_t = Stage::InService)]
        stage: Stage,
    },
    /// Move a system to another lifecycle stage; a system must be graded
    /// before it goes into service (GRD-6)
    Stage {
        /// The system's name
        name: String,
        #[arg(value_enum)]
        stage: Stage,
    },
    /// List information systems
    List,
    /// Correct a system's name, owner or description typed wrong (with a
    /// reason, kept as an amendment)
    Edit {
        /// The system's name
        system: String,
        #[command(flatten)]
        fields: super::correction::Edits<super::correction::SystemFields>,
        #[command(flatten)]
        reason: super::correction::EditReason,
    },
    /// Record the date a system's password was changed (SEC-1); never the password itself
    PasswordChanged {
        /// The information system
        system: String,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
        /// Who changed it, or why (never the password) [default: "password changed"]
        #[arg(long)]
        note: Option<String>,
    },
}

impl SystemCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        if let SystemCmd::PasswordChanged { system, date, note } = self {
            return super::duty::password_changed(ctx, &system, date, note);
        }
        let mut store = ctx.open()?;
        match self {
            SystemCmd::Add {
                name,
                owner_dept,
                description,
                stage,
            } => {
                let today = ctx.today();
                let mut tx = store.write(&ctx.who)?;
                let d = reg::dept_id(tx.conn(), "--owner-dept", &owner_dept)?;
                let id = reg::add_system(
                    &mut tx,
                    &name,
                    d,
                    description.as_deref(),
                    stage.as_str(),
                    &today,
                )?;
                let rows = reg::list_systems(tx.conn(), Some(id))?;
                tx.commit()?;
                ctx.out
                    .done(&format!("Added information system {}", name.trim()), &rows)?;
            }
            SystemCmd::Stage { name, stage } => {
                let mut tx = store.write(&ctx.who)?;
                let sys = crate::store::grading::system(tx.conn(), "NAME", &name)?;
                crate::store::grading::set_stage(&mut tx, &sys, stage.as_str())?;
                let rows = reg::list_systems(tx.conn(), Some(sys.id))?;
                // Retiring a filed system asks for its filing to be cancelled.
                let rules = ctx.config.grading.ruleset()?;
                let cancel = crate::store::grading::facts(tx.conn(), Some(sys.id))?
                    .into_iter()
                    .next()
                    .and_then(|(_, f)| f.filing_state(&rules).cancel)
                    .is_some();
                tx.commit()?;
                let note = if cancel {
                    format!(
                        "; its filing is to be cancelled (撤销备案): `infogov grade cancel {}`",
                        sys.name
                    )
                } else {
                    String::new()
                };
                ctx.out.done(
                    &format!("{} is now {}{note}", sys.name, stage.as_str()),
                    &rows,
                )?;
            }
            SystemCmd::List => ctx.out.rows(&reg::list_systems(store.conn(), None)?)?,
            SystemCmd::Edit {
                system: name,
                fields,
                reason,
            } => {
                let mut tx = store.write(&ctx.who)?;
                let sys = reg::system_id(tx.conn(), "SYSTEM", &name)?;
                let message = super::correction::edit(
                    ctx,
                    &mut tx,
                    crate::store::audit::SYSTEM,
                    "system",
                    sys,
                    name.trim(),
                    &fields.values,
                    &reason.reason,
                )?;
                let rows = reg::list_systems(tx.conn(), Some(sys))?;
                tx.commit()?;
                ctx.out.done(&message, &rows)?;
            }
            SystemCmd::PasswordChanged { .. } => unreachable!("handled above"),
        }
        Ok(0)
    }
}

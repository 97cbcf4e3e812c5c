//! Departments, people and information systems.

use crate::support::Env;

#[test]
fn departments_people_and_liaisons() {
    let env = Env::with_org();
    env.run(&["dept", "list", "--format", "csv"])
        .success()
        .stdout_is("name,code,liaison,people,assets\n内科,NK,王伟,1,0\n信息科,IT,李娜,2,0\n");
    env.run(&["dept", "add", "内科"])
        .error(&["NAME", "\"内科\" already exists"]);
    env.run(&["dept", "add", "外科", "--code", "NK"])
        .error(&["--code", "\"NK\"", "already used"]);
    env.run(&["person", "add", "王伟", "--dept", "NK"])
        .error(&["\"王伟\" is already registered in 内科"]);
    env.run(&["person", "add", "赵六", "--dept", "骨科"])
        .error(&["--dept", "no department \"骨科\""]);
    env.run(&["person", "list", "--dept", "信息科", "--format", "csv"])
        .success()
        .stdout_is(
            "name,dept,role,assets,login\n李娜,信息科,office,0,\n张院长,信息科,approver,0,\n",
        );
}

#[test]
fn a_name_shared_by_two_people_must_be_qualified() {
    let env = Env::with_org();
    env.ok(&["person", "add", "王伟", "--dept", "信息科"]);
    env.ok(&["dept", "add", "外科"]);
    env.run(&["dept", "liaison", "外科", "王伟"]).error(&[
        "PERSON",
        "\"王伟\" names 2 people (in 内科, 信息科)",
        "NAME@DEPT",
    ]);
    env.ok(&["dept", "liaison", "外科", "王伟@内科"]);
    env.run(&["dept", "list", "--format", "csv"])
        .success()
        .stdout_has("外科,,王伟,0,0");
}

#[test]
fn a_department_without_a_liaison_is_a_finding() {
    let env = Env::with_org();
    env.ok(&["dept", "add", "外科"]);
    env.run(&["audit", "check", "--only", "org", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,org,外科,department has no IT liaison")
        .stdout_has("ORG-1");
}

#[test]
fn information_systems() {
    let env = Env::with_org();
    env.ok(&[
        "system",
        "add",
        "HIS",
        "--owner-dept",
        "信息科",
        "--description",
        "医院信息系统",
    ]);
    env.ok(&[
        "system",
        "add",
        "PACS",
        "--owner-dept",
        "IT",
        "--stage",
        "design",
    ]);
    env.run(&["system", "list", "--format", "csv"])
        .success()
        .stdout_is("name,owner_dept,stage,description\nHIS,信息科,in-service,医院信息系统\nPACS,信息科,design,\n");
    env.run(&["system", "add", "HIS", "--owner-dept", "IT"])
        .error(&["\"HIS\" already exists"]);
    env.run(&["system", "add", "OA", "--owner-dept", "nowhere"])
        .error(&["--owner-dept", "\"nowhere\""]);
}

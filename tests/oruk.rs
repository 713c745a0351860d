//! The Open Referral UK export, checked by the standard's own validator (`frictionless`, from
//! PyPI; `.ci/run` installs it) against the UK profile's datapackage.json in `../shared/data`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use common::placements;

use std::path::Path;
use std::process::Command;

use common::demo_file;

#[test]
fn the_oruk_package_validates_with_zero_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "oruk.placements", 300);
    // Real-world values too: the Trafford register, with its doubtful postcodes and phones.
    let trafford = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv");
    assert!(
        placements(&["import", "groups", file.to_str().unwrap(), trafford.to_str().unwrap()], dir.path())
            .status
            .success()
    );
    let out = dir.path().join("package");
    let result = placements(&["export", "oruk", file.to_str().unwrap(), out.to_str().unwrap()], dir.path());
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));

    let organizations = std::fs::read_to_string(out.join("organizations.csv")).unwrap();
    assert_eq!(csv::Reader::from_reader(organizations.as_bytes()).records().count(), 300 + 736);
    let identifiers = std::fs::read_to_string(out.join("organization_identifiers.csv")).unwrap();
    assert!(identifiers.contains(",GB-CHC,Registered charity number,210843"), "Trafford's first charity");
    assert_valid(&out);
}

/// The standard's own validator finds no error in the package in `out`, every table checked.
fn assert_valid(out: &Path) {
    let profile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/standards/oruk-uk-profile/datapackage.json");
    std::fs::copy(&profile, out.join("datapackage.json")).unwrap();
    let validate = Command::new("python3")
        .args(["-m", "frictionless", "validate", "--json", "datapackage.json"])
        .current_dir(out)
        .output()
        .expect("python3 runs (install frictionless with: python3 -m pip install frictionless)");
    let report = String::from_utf8_lossy(&validate.stdout);
    let stderr = String::from_utf8_lossy(&validate.stderr);
    assert!(
        !stderr.contains("No module named frictionless"),
        "frictionless is not installed: python3 -m pip install frictionless"
    );
    let report: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("{e}: {report} {stderr}"));
    assert_eq!(report["valid"], true, "{}", serde_json::to_string_pretty(&report["tasks"]).unwrap_or_default());
    assert_eq!(report["stats"]["errors"], 0);
    assert_eq!(report["stats"]["tasks"], 17, "every table of the package was checked");
    assert!(validate.status.success());
}

/// Every demo programme's package is valid (seeds 1 and 5 made a group's email domain of 65
/// characters, where a part of a domain may have 63), each checked by the validator.
#[test]
fn every_demo_seeds_package_validates() {
    let dir = tempfile::tempdir().unwrap();
    std::thread::scope(|scope| {
        for seed in 1..=8 {
            let dir = dir.path();
            scope.spawn(move || {
                let file = dir.join(format!("seed{seed}.placements"));
                let (ok, _, err) = common::run_in(dir, &["demo", file.to_str().unwrap(), "--seed", &seed.to_string()]);
                assert!(ok, "{err}");
                let out = dir.join(format!("package{seed}"));
                let (ok, said, err) =
                    common::run_in(dir, &["export", "oruk", file.to_str().unwrap(), out.to_str().unwrap()]);
                assert!(ok, "{err}");
                assert!(
                    !said.contains("left out"),
                    "seed {seed}: the demo's own values are all the standard's: {said}"
                );
                assert_valid(&out);
            });
        }
    });
}

/// Groups imported from a spreadsheet with addresses and websites the standard does not accept:
/// the package still validates, and each value left out is listed with its group.
#[test]
fn values_the_standard_does_not_accept_are_left_out_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.placements");
    placements::store::Store::create(&file).unwrap();
    let long = "a".repeat(64);
    let rows = [
        ("Long Label Club", format!("hello@{long}.example.org"), "https://ok.example.org".to_owned()),
        ("Two Ats", "x@@example.org".to_owned(), "1http://bad.example.org".to_owned()),
        ("Accents In Domain", "hello@exämple.org".to_owned(), "ftp://files.example.org".to_owned()),
        ("Quoted", "\"q\"@example.org".to_owned(), "http://".to_owned()),
        ("Fine", "zoë@example.org".to_owned(), "www.example.org/page".to_owned()),
        ("Pipes", "pipe|line@example.org".to_owned(), "https://x.example.org/{a}".to_owned()),
    ];
    let mut csv = String::from("name,email,website,postcode\n");
    for (name, email, website) in &rows {
        csv.push_str(&format!("{name},\"{}\",{website},FY1 1AA\n", email.replace('"', "\"\"")));
    }
    let sheet = dir.path().join("groups.csv");
    std::fs::write(&sheet, csv).unwrap();
    let (ok, said, err) =
        common::run_in(dir.path(), &["import", "groups", file.to_str().unwrap(), sheet.to_str().unwrap()]);
    assert!(ok, "{said} {err}");
    let out = dir.path().join("package");
    let (ok, said, err) =
        common::run_in(dir.path(), &["export", "oruk", file.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{err}");
    for listed in [
        format!("Long Label Club: email “hello@{long}.example.org”"),
        "Two Ats: email “x@@example.org”".to_owned(),
        "Two Ats: website “1http://bad.example.org”".to_owned(),
        "Accents In Domain: email “hello@exämple.org”".to_owned(),
        "Quoted: website “http://”".to_owned(),
        "Pipes: website “https://x.example.org/{a}”".to_owned(),
    ] {
        assert!(said.contains(&listed), "“{listed}” is not listed: {said}");
    }
    assert!(!said.contains("Fine:"), "{said}");
    let organizations = std::fs::read_to_string(out.join("organizations.csv")).unwrap();
    assert!(organizations.contains("zoë@example.org") && organizations.contains("https://www.example.org/page"));
    assert_valid(&out);
}

fn oruk_examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/standards/oruk-uk-profile/examples")
}

#[test]
fn an_oruk_package_imports_back_as_the_same_groups() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "source.placements", 120);
    let out = dir.path().join("package");
    assert!(
        placements(&["export", "oruk", file.to_str().unwrap(), out.to_str().unwrap()], dir.path()).status.success()
    );
    let copy = dir.path().join("copy.placements");
    placements::store::Store::create(&copy).unwrap();
    let result = placements(&["import", "groups", copy.to_str().unwrap(), out.to_str().unwrap()], dir.path());
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(stdout.lines().last(), Some("imported 120, updated 0, skipped 0, errors 0"), "{stdout}");
    let read = |path: &Path| {
        let store = placements::store::Store::open(path, placements::store::OpenMode::ReadOnly).unwrap();
        let mut rows: Vec<(String, String, String, String, String, Vec<String>)> = store
            .group_records()
            .unwrap()
            .into_iter()
            .map(|r| {
                let g = r.group;
                (g.name, g.postcode, g.phone, g.charity_number, g.contact_name, r.categories)
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(read(&copy), read(&file));
}

#[test]
fn the_profiles_own_examples_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("examples.placements");
    placements::store::Store::create(&file).unwrap();
    let json = oruk_examples().join("service_full.json");
    let result = placements(&["import", "groups", file.to_str().unwrap(), json.to_str().unwrap()], dir.path());
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(stdout.lines().last(), Some("imported 1, updated 0, skipped 0, errors 0"), "{stdout}");
    // The example CSVs end their lines with \r\r\n; they still read as one organization.
    let folder = oruk_examples().join("csv");
    let result = placements(
        &["import", "groups", file.to_str().unwrap(), folder.to_str().unwrap(), "--on-duplicate", "update"],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(stdout.lines().last().is_some_and(|l| l.ends_with("errors 0")), "{stdout}");
    let store = placements::store::Store::open(&file, placements::store::OpenMode::ReadOnly).unwrap();
    let records = store.group_records().unwrap();
    assert!(
        records.iter().any(|r| r.group.name == "Example Organization Inc." && r.group.company_number == "1234567"),
        "{records:?}"
    );
}

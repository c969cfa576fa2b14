//! Names compared as people see them (issue 15): an agency or group typed
//! with decomposed letters (Unikey's "Unicode tổ hợp") or an invisible
//! character is the same name; one letter off gets "did you mean"; an
//! indicator without a lead is a warning.

mod common;

use common::Site;

const IND: &str = "reports/demo-2024/indicators.yaml";

#[test]
fn names_in_another_unicode_form_or_with_invisible_characters_match() {
    // "Sở" as S, o, combining horn, combining hook above; a zero-width space.
    let nfd = "So\u{31b}\u{309} TTTT";
    let zwsp = "Sở\u{200b} KHĐT";
    let site = Site::fixture("minimal");
    site.edit(IND, "lead: Sở TTTT", &format!("lead: {nfd}"));
    site.edit(
        IND,
        "partners: [Sở KHĐT]",
        &format!("partners: [\"{zwsp}\"]"),
    );
    site.edit(
        IND,
        "group: digital-economy\n",
        "group: \"digital-economy\u{200b}\"\n",
    );
    let run = site.run(&["check", "--strict"]);
    run.ok();
    site.run(&["build"]).ok();
    // The agency pages link the indicator, and the name is shown in NFC.
    let page = site.page("agencies/so-tttt/index.html");
    assert!(page.contains("Tỷ lệ hồ sơ trực tuyến"), "{page}");
    assert!(page.contains("Sở TTTT") && !page.contains(nfd));
}

#[test]
fn a_name_one_letter_off_gets_did_you_mean() {
    let site = Site::fixture("minimal");
    site.edit(IND, "lead: Sở TTTT", "lead: Sở TTT");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr
            .contains("agency `Sở TTT` is not in agencies.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `Sở TTTT`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_lead_is_a_warning_and_an_error_when_strict() {
    let site = Site::fixture("minimal");
    site.edit(IND, "  lead: Sở TTTT\n", "");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(&format!(
            "content/{IND}:1:7: warning: indicator `online-dossier-rate` has no `lead`"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
}

#[test]
fn a_name_cut_by_commas_inside_brackets_is_joined_and_shown() {
    let site = Site::fixture("minimal");
    site.edit(
        IND,
        "partners: [Sở KHĐT]",
        "partners: [Sở KHĐT, Các sở, ban, ngành]",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(&format!("content/{IND}:10:"))
            && run.stderr.contains(
                "`Các sở`, `ban`, `ngành` are one name cut by commas; read as `Các sở, ban, ngành`"
            ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("is not in agencies.yaml"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
}

#[test]
fn a_project_without_lead_is_a_warning() {
    let site = Site::fixture("minimal");
    let prj = "reports/demo-2024/projects.yaml";
    site.edit(prj, "  lead: Sở TTTT\n", "");
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains(&format!(
            "content/{prj}:1:9: warning: this project has no `lead`"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
    // `lead: ~` says the plan names none.
    site.edit(
        prj,
        "  group: digital-government\n",
        "  group: digital-government\n  lead: ~\n",
    );
    site.run(&["check", "--strict"]).ok();
}

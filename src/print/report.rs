//! The report's data for the template: the figures of `model::report`, already in words and in
//! UK form, with the widths of the charts' bars as fractions.

use serde_json::{Value, json};

use super::data::nfc;
use crate::model::dates::uk_date_range;
use crate::model::outcomes::HostAgain;
use crate::model::report::{Breakdown, Report};
use crate::model::text::{count_of, decimal, percent};

fn one(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| decimal(v, 1))
}

fn hours(v: f64) -> String {
    if v.fract() == 0.0 { decimal(v, 0) } else { decimal(v, 1) }
}

fn rows(list: &[Breakdown], organisation: bool) -> Vec<Value> {
    let most = list.iter().map(|r| r.team_days).max().unwrap_or(0).max(1) as f64;
    list.iter()
        .map(|r| {
            json!({
                "name": nfc(&r.name),
                "placed": r.placed.to_string(),
                "team_days": r.team_days.to_string(),
                "hours": hours(r.person_hours),
                "third": if organisation { r.people.to_string() } else { r.completed.to_string() },
                "usefulness": one(r.usefulness),
                "host_again": r.host_again.clone().unwrap_or_default(),
                "bar": r.team_days as f64 / most,
            })
        })
        .collect()
}

/// The report document's data.
pub fn report_data(r: &Report) -> Value {
    let span = match (r.first_day, r.last_day) {
        (Some(a), Some(b)) => uk_date_range(a, b),
        _ => "No days placed yet".to_owned(),
    };
    let pct = r.completion.rate.map_or("–".to_owned(), percent);
    let figures = [
        ("Teams placed", r.teams_placed.to_string()),
        ("Teams gone out", r.teams_gone_out.to_string()),
        ("Team-days", r.team_days.to_string()),
        ("Person-hours given", hours(r.person_hours)),
        ("Local people taking part", r.local_people.to_string()),
        ("Groups reached", r.groups_reached.to_string()),
        ("Neighbourhoods reached", r.neighbourhoods_words()),
        ("Completion rate", format!("{pct} of {} recorded", count_of(r.completion.recorded as u64, "day", "days"))),
        ("Feedback responses", r.feedback_responses.to_string()),
        ("Teams mixing four or more organisations", r.teams_mixing_four_or_more.to_string()),
    ];
    let practices: Vec<Value> = r
        .practices
        .iter()
        .map(|p| {
            let total = p.responses.max(1) as f64;
            json!({
                "name": nfc(&p.practice),
                "mean": one(p.mean),
                "responses": p.responses.to_string(),
                "counts": p.counts.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                "shares": p.counts.iter().map(|c| *c as f64 / total).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "kind": "report",
        "title": format!("{}: outcomes", nfc(&r.scope)),
        "programme": nfc(&r.scope),
        "span": span,
        "figures": figures.iter().map(|(k, v)| json!({ "label": k, "value": v })).collect::<Vec<_>>(),
        "completion": [
            ["Completed", r.completion.completed.to_string()],
            ["Partly completed", r.completion.partly_completed.to_string()],
            ["Not done", r.completion.not_done.to_string()],
            ["Cancelled on the day", r.completion.cancelled_on_the_day.to_string()],
        ],
        "host_again": HostAgain::ALL.iter().zip(r.host_again).map(|(a, n)| json!([a.label(), n.to_string()])).collect::<Vec<_>>(),
        "practices": practices,
        "neighbourhoods": rows(&r.by_neighbourhood, false),
        "organisations": rows(&r.by_organisation, true),
        "groups": rows(&r.by_group, false),
        "repeat_hosts": r.repeat_hosts.iter().map(|(g, n)| format!("{} ({})", nfc(g), count_of(*n as u64, "day", "days"))).collect::<Vec<_>>(),
        "personal": false,
    })
}

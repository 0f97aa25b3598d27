//! The interface's contract, generated from the Rust types that cross IPC, so the JavaScript
//! is type-checked against what core and the commands really send and accept, and holds no
//! hand-made copy of an enum or a limit. It lives beside the commands because some of those
//! types (`AppStatus`, `Restored`) belong to the shell, which is a binary crate: a test here
//! sees both them and core's.
//!
//! The test compares the checked-in files with what the types make today and fails when they
//! differ; `HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth contract` writes them instead.

use std::path::PathBuf;

use hearth_core::community::platforms::{self, Platform, PlatformInput, PlatformKind};
use hearth_core::community::time_zones::TimeZoneMatch;
use hearth_core::community::{
    self, Audience, Charter, CharterInput, Community, CommunitySummary, Format, Kind, NewCommunity,
};
use hearth_core::db::backup::{BackupContents, BackupInfo};
use hearth_core::db::check::CheckReport;
use hearth_core::db::startup::Recovery;
use hearth_core::error::{ErrorCode, ErrorReply};
use hearth_core::events::agenda::{
    AgendaItem, AgendaItemInput, EventRole, EventRoleInput, RoleKind,
};
use hearth_core::events::attendance::{Attendance, FeedbackInput, Rsvp};
use hearth_core::events::checklist::{EventTask, EventTaskInput};
use hearth_core::events::conflicts::{Conflict, ConflictKind};
use hearth_core::events::ical::import::Report as IcsImport;
use hearth_core::events::ical::{IcsProblem, IcsProblemKind};
use hearth_core::events::page::{EventPage, SeriesSummary, Turnout};
use hearth_core::events::recurrence::{RecurrenceInput, Repeat};
use hearth_core::events::series::{Scope, Series};
use hearth_core::events::{
    self, venues, Event, EventFormat, EventInput, EventKind, EventStatus, Venue, VenueInput,
};
use hearth_core::interop::{Delimiter, FileFormat, Problem, ProblemKind, TextEncoding};
use hearth_core::members::activities::{self, Activity, ActivityInput, ActivityKind};
use hearth_core::members::engagement::{
    self, Contributor, CountedActivity, DriftingMember, EngagementSettings,
    EngagementSettingsInput, Explanation, GraceHold, KindWeight, KindWeightInput, LosingTouch,
    Thresholds, TopContributors,
};
use hearth_core::members::export::{ExportFormat, ExportReport};
use hearth_core::members::forget::{
    CommunityName, EventAnswer, EventPart, KudosGiven, OwnedTask, PersonalData,
};
use hearth_core::members::import::{
    DuplicateAction, DuplicateDecision, DuplicateOf, DuplicateReason, ImportColumn,
    ImportDuplicate, ImportField, ImportOptions, ImportPreview, ImportProgress, ImportReport,
    ImportSampleRow,
};
use hearth_core::members::owners::OwnerCandidate;
use hearth_core::members::roster::{RosterPage, RosterQuery, RosterRow, RosterSort, TagCount};
use hearth_core::members::{self, EngagementLevel, Level, Member, MemberInput, Role};
use hearth_core::metrics::goals::{
    self, Direction as GoalDirection, Goal, GoalInput, GoalStatus, Progress as GoalProgress,
};
use hearth_core::metrics::impact::{self, Impact, ImpactInput, ImpactKind};
use hearth_core::metrics::levels::LevelMonth;
use hearth_core::metrics::series::{
    self as metric_series, Point, PointInput, Series as MetricSeries, SeriesInput,
};
use hearth_core::metrics::{
    Category as MetricCategory, Cohort, Dashboard, EventTurnout, Key as MetricKey, Measure, Metric,
    Month, Range as MetricsRange, Unit as MetricUnit, Valued,
};
use hearth_core::plan::{
    self, MemberRef, Plan, PlanSummary, StagePlan, StageSummary, Task, TaskInput, TaskStatus,
};
use hearth_core::{Locale, Rule};
use serde::Serialize;
use ts_rs::{Config, TS};

use super::events::IcsExport;
use super::members::ImportSource;
use super::metrics::MetricsExport;
use super::plan::Restored;
use super::settings::AppStatus;
use super::sharing::{SharingConflict, SharingStatus, SyncConnection};

const REGENERATE: &str = "HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth contract";

/// One declaration of types.d.ts, with the names of the types it mentions.
struct Declaration {
    name: String,
    text: String,
    uses: Vec<String>,
}

fn declaration<T: TS + 'static>(cfg: &Config) -> Declaration {
    Declaration {
        name: T::ident(cfg),
        text: format!(
            "{}export {}",
            T::docs().unwrap_or_default(),
            one_field_a_line(&T::decl(cfg))
        ),
        uses: T::dependencies(cfg)
            .into_iter()
            .map(|d| d.ts_name)
            .collect(),
    }
}

/// ts-rs writes an object type on one line, its field docs in between; one field a line reads
/// better and makes a change to one field a one-line change in review.
fn one_field_a_line(decl: &str) -> String {
    let Some((head, body)) = decl.split_once(" = { ") else {
        return decl.to_string();
    };
    let Some(body) = body.strip_suffix(", };") else {
        return decl.to_string();
    };
    let mut out = format!("{head} = {{\n");
    for field in top_level_fields(body) {
        for line in field.lines() {
            out.push_str(&format!("  {line}\n"));
        }
        out.pop();
        out.push_str(",\n");
    }
    out.push_str("};");
    out
}

/// Splits at the commas between fields: not those inside a type's brackets or a doc comment.
fn top_level_fields(body: &str) -> Vec<&str> {
    let (mut fields, mut start, mut depth, mut in_doc) = (Vec::new(), 0, 0, false);
    for (i, c) in body.char_indices() {
        match c {
            '/' if body[i..].starts_with("/**") => in_doc = true,
            '/' if in_doc && body[..i].ends_with('*') => in_doc = false,
            _ if in_doc => {}
            '{' | '<' | '(' | '[' => depth += 1,
            '}' | '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                fields.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(body[start..].trim());
    fields
}

fn config() -> Config {
    // Ids and sizes are far below 2^53, and JSON gives JavaScript plain numbers for them.
    Config::new().with_large_int("number")
}

/// Every type a command takes or returns, and the error every command may reject with,
/// grouped by domain.
fn declarations() -> Vec<Declaration> {
    let cfg = &config();
    vec![
        declaration::<ErrorReply<'static>>(cfg),
        declaration::<ErrorCode>(cfg),
        declaration::<Rule>(cfg),
        declaration::<AppStatus>(cfg),
        declaration::<Recovery>(cfg),
        declaration::<Locale>(cfg),
        declaration::<CommunitySummary>(cfg),
        declaration::<Community>(cfg),
        declaration::<Charter>(cfg),
        declaration::<CharterInput>(cfg),
        declaration::<NewCommunity>(cfg),
        declaration::<TimeZoneMatch>(cfg),
        declaration::<Kind>(cfg),
        declaration::<Audience>(cfg),
        declaration::<Format>(cfg),
        declaration::<Platform>(cfg),
        declaration::<PlatformInput>(cfg),
        declaration::<PlatformKind>(cfg),
        declaration::<SharingStatus>(cfg),
        declaration::<SyncConnection>(cfg),
        declaration::<SharingConflict>(cfg),
        declaration::<Plan>(cfg),
        declaration::<StagePlan>(cfg),
        declaration::<Task>(cfg),
        declaration::<TaskInput>(cfg),
        declaration::<TaskStatus>(cfg),
        declaration::<PlanSummary>(cfg),
        declaration::<StageSummary>(cfg),
        declaration::<Restored>(cfg),
        declaration::<MemberRef>(cfg),
        declaration::<OwnerCandidate>(cfg),
        declaration::<Member>(cfg),
        declaration::<MemberInput>(cfg),
        declaration::<Level>(cfg),
        declaration::<Role>(cfg),
        declaration::<EngagementLevel>(cfg),
        declaration::<Activity>(cfg),
        declaration::<ActivityInput>(cfg),
        declaration::<ActivityKind>(cfg),
        declaration::<EngagementSettings>(cfg),
        declaration::<EngagementSettingsInput>(cfg),
        declaration::<KindWeight>(cfg),
        declaration::<KindWeightInput>(cfg),
        declaration::<Thresholds>(cfg),
        declaration::<Explanation>(cfg),
        declaration::<CountedActivity>(cfg),
        declaration::<GraceHold>(cfg),
        declaration::<TopContributors>(cfg),
        declaration::<Contributor>(cfg),
        declaration::<LosingTouch>(cfg),
        declaration::<DriftingMember>(cfg),
        declaration::<RosterQuery>(cfg),
        declaration::<RosterSort>(cfg),
        declaration::<RosterRow>(cfg),
        declaration::<RosterPage>(cfg),
        declaration::<TagCount>(cfg),
        declaration::<PersonalData>(cfg),
        declaration::<CommunityName>(cfg),
        declaration::<KudosGiven>(cfg),
        declaration::<OwnedTask>(cfg),
        declaration::<Event>(cfg),
        declaration::<EventInput>(cfg),
        declaration::<EventKind>(cfg),
        declaration::<EventFormat>(cfg),
        declaration::<EventStatus>(cfg),
        declaration::<EventPage>(cfg),
        declaration::<SeriesSummary>(cfg),
        declaration::<Turnout>(cfg),
        declaration::<Series>(cfg),
        declaration::<Scope>(cfg),
        declaration::<RecurrenceInput>(cfg),
        declaration::<Repeat>(cfg),
        declaration::<Venue>(cfg),
        declaration::<VenueInput>(cfg),
        declaration::<Attendance>(cfg),
        declaration::<FeedbackInput>(cfg),
        declaration::<AgendaItem>(cfg),
        declaration::<AgendaItemInput>(cfg),
        declaration::<EventRole>(cfg),
        declaration::<EventRoleInput>(cfg),
        declaration::<RoleKind>(cfg),
        declaration::<EventTask>(cfg),
        declaration::<EventTaskInput>(cfg),
        declaration::<Conflict>(cfg),
        declaration::<ConflictKind>(cfg),
        declaration::<IcsImport>(cfg),
        declaration::<IcsProblem>(cfg),
        declaration::<IcsProblemKind>(cfg),
        declaration::<IcsExport>(cfg),
        declaration::<EventAnswer>(cfg),
        declaration::<EventPart>(cfg),
        declaration::<Rsvp>(cfg),
        declaration::<ImportSource>(cfg),
        declaration::<ImportOptions>(cfg),
        declaration::<ImportField>(cfg),
        declaration::<Delimiter>(cfg),
        declaration::<TextEncoding>(cfg),
        declaration::<DuplicateDecision>(cfg),
        declaration::<DuplicateAction>(cfg),
        declaration::<ImportPreview>(cfg),
        declaration::<FileFormat>(cfg),
        declaration::<ImportColumn>(cfg),
        declaration::<ImportSampleRow>(cfg),
        declaration::<Problem>(cfg),
        declaration::<ProblemKind>(cfg),
        declaration::<ImportDuplicate>(cfg),
        declaration::<DuplicateReason>(cfg),
        declaration::<DuplicateOf>(cfg),
        declaration::<ImportProgress>(cfg),
        declaration::<ImportReport>(cfg),
        declaration::<ExportFormat>(cfg),
        declaration::<ExportReport>(cfg),
        declaration::<BackupInfo>(cfg),
        declaration::<BackupContents>(cfg),
        declaration::<CheckReport>(cfg),
        declaration::<Dashboard>(cfg),
        declaration::<MetricsRange>(cfg),
        declaration::<Metric>(cfg),
        declaration::<MetricKey>(cfg),
        declaration::<MetricCategory>(cfg),
        declaration::<MetricUnit>(cfg),
        declaration::<Measure>(cfg),
        declaration::<Month>(cfg),
        declaration::<Valued>(cfg),
        declaration::<EventTurnout>(cfg),
        declaration::<Cohort>(cfg),
        declaration::<MetricsExport>(cfg),
        declaration::<LevelMonth>(cfg),
        declaration::<MetricSeries>(cfg),
        declaration::<Point>(cfg),
        declaration::<SeriesInput>(cfg),
        declaration::<PointInput>(cfg),
        declaration::<Goal>(cfg),
        declaration::<GoalInput>(cfg),
        declaration::<GoalDirection>(cfg),
        declaration::<GoalStatus>(cfg),
        declaration::<GoalProgress>(cfg),
        declaration::<Impact>(cfg),
        declaration::<ImpactInput>(cfg),
        declaration::<ImpactKind>(cfg),
    ]
}

fn types_d_ts() -> String {
    let mut out = header("the Rust types that cross IPC between the shell and the interface");
    for d in declarations() {
        out.push('\n');
        out.push_str(&d.text);
        out.push('\n');
    }
    out
}

/// A closed set of values as JavaScript sees it: each value exactly as serde sends it.
fn value_list<T: TS + Serialize + 'static>(name: &str, all: &[T]) -> String {
    let values: Vec<String> = all
        .iter()
        .map(|v| serde_json::to_string(v).unwrap())
        .collect();
    format!(
        "\n/** @type {{readonly import('./types.js').{}[]}} */\nexport const {name} = Object.freeze([{}]);\n",
        T::ident(&config()),
        values.join(", ")
    )
}

/// How each computed metric reads (core's `Key::unit`), for forms that take a value of one
/// before any dashboard is drawn: a goal's target is typed in percent for a share.
fn metric_units_js() -> String {
    let pairs: Vec<String> = MetricKey::ALL
        .iter()
        .map(|key| format!("{}: '{}'", key.as_str(), key.unit().as_str()))
        .collect();
    format!(
        "\n/** How each computed metric reads. @type {{Readonly<Record<import('./types.js').MetricKey, import('./types.js').MetricUnit>>}} */\nexport const METRIC_UNITS = Object.freeze({{ {} }});\n",
        pairs.join(", ")
    )
}

fn limits(domain: &str, limits: &[(&str, u32)]) -> String {
    let fields: Vec<String> = limits
        .iter()
        .map(|(field, max)| format!("{field}: {max}"))
        .collect();
    format!("  {domain}: Object.freeze({{ {} }}),\n", fields.join(", "))
}

fn values_js() -> String {
    let mut out = header("core's closed sets of values (its enums) and its limits (*_MAX)");
    for list in [
        value_list("LOCALES", Locale::ALL),
        value_list("KINDS", Kind::ALL),
        value_list("AUDIENCES", Audience::ALL),
        value_list("FORMATS", Format::ALL),
        value_list("PLATFORM_KINDS", PlatformKind::ALL),
        value_list("TASK_STATUSES", TaskStatus::ALL),
        value_list("LEVELS", Level::ALL),
        value_list("ROLES", Role::ALL),
        value_list("ENGAGEMENT_LEVELS", EngagementLevel::ALL),
        value_list("ACTIVITY_KINDS", ActivityKind::ALL),
        value_list("ROSTER_SORTS", RosterSort::ALL),
        value_list("IMPORT_FIELDS", ImportField::ALL),
        value_list("DUPLICATE_ACTIONS", DuplicateAction::ALL),
        value_list("IMPORT_PROBLEM_KINDS", ProblemKind::ALL),
        value_list("EXPORT_FORMATS", ExportFormat::ALL),
        value_list("EVENT_KINDS", EventKind::ALL),
        value_list("EVENT_FORMATS", EventFormat::ALL),
        value_list("EVENT_STATUSES", EventStatus::ALL),
        value_list("RSVPS", Rsvp::ALL),
        value_list("EVENT_ROLES", RoleKind::ALL),
        value_list("REPEATS", Repeat::ALL),
        value_list("SCOPES", Scope::ALL),
        value_list("ICS_PROBLEM_KINDS", IcsProblemKind::ALL),
        value_list("METRIC_KEYS", MetricKey::ALL),
        value_list("METRIC_CATEGORIES", MetricCategory::ALL),
        value_list("GOAL_DIRECTIONS", GoalDirection::ALL),
        value_list("IMPACT_KINDS", ImpactKind::ALL),
        value_list("ERROR_CODES", ErrorCode::ALL),
        value_list("RULES", Rule::ALL),
    ] {
        out.push_str(&list);
    }
    out.push_str(
        "\n/**\n * The most characters core accepts in each field, under the name an error gives \
         the field\n * (`field` in {@link import('./types.js').HearthError}).\n */\n\
         export const LIMITS = Object.freeze({\n",
    );
    out.push_str(&limits("community", community::LIMITS));
    out.push_str(&limits("platform", platforms::LIMITS));
    out.push_str(&limits("task", plan::LIMITS));
    out.push_str(&limits("member", members::LIMITS));
    out.push_str(&limits("activity", activities::LIMITS));
    out.push_str(&limits("event", events::LIMITS));
    out.push_str(&limits("venue", venues::LIMITS));
    out.push_str(&limits("series", metric_series::LIMITS));
    out.push_str(&limits("goal", goals::LIMITS));
    out.push_str(&limits("impact", impact::LIMITS));
    out.push_str("});\n");
    let stages: Vec<String> = plan::STAGES.map(|s| s.to_string()).collect();
    out.push_str(&format!(
        "\n/** The plan's stages, in order. */\nexport const STAGES = Object.freeze([{}]);\n",
        stages.join(", ")
    ));
    out.push_str(&engagement_settings_js());
    out.push_str(&metric_units_js());
    out
}

/// The engagement settings' bounds and defaults, for the settings form: the bounds name
/// what core accepts when it refuses a number, the defaults are what "Restore defaults"
/// fills in (core stores nothing until the form is saved).
fn engagement_settings_js() -> String {
    let ranges: Vec<String> = engagement::SETTING_LIMITS
        .iter()
        .map(|(name, low, high)| format!("{name}: Object.freeze([{low}, {high}])"))
        .collect();
    let defaults = serde_json::to_string(&EngagementSettings::default())
        .expect("the default engagement settings serialise");
    format!(
        "\n/**\n * The lowest and highest whole number core accepts for each engagement setting \
         (`threshold`\n * for each of the three thresholds, `weight` for each kind's weight).\n \
         */\nexport const ENGAGEMENT_SETTING_RANGES = Object.freeze({{ {} }});\n\n\
         /** The settings Hearth starts with. */\nexport const ENGAGEMENT_DEFAULTS = \
         Object.freeze(/** @type {{import('./types.js').EngagementSettings}} */ ({defaults}));\n",
        ranges.join(", ")
    )
}

fn header(from: &str) -> String {
    format!(
        "// Generated from {from}\n\
         // by src-tauri/src/commands/contract.rs. Do not edit: change the Rust side, then run\n\
         //   {REGENERATE}\n"
    )
}

fn contract_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/js/contract")
}

#[test]
fn the_interface_contract_is_current() {
    let files = [("types.d.ts", types_d_ts()), ("values.js", values_js())];
    let update = std::env::var_os("HEARTH_UPDATE_CONTRACT").is_some_and(|v| v == "1");
    for (name, text) in files {
        let path = contract_dir().join(name);
        if update {
            std::fs::create_dir_all(contract_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                checked_in == text,
                "ui/js/contract/{name} is not what the Rust types make today; run `{REGENERATE}`"
            );
        }
    }
}

#[test]
fn every_type_the_contract_mentions_is_declared_in_it() {
    let declarations = declarations();
    let declared: Vec<&str> = declarations.iter().map(|d| d.name.as_str()).collect();
    for d in &declarations {
        for used in &d.uses {
            assert!(
                declared.contains(&used.as_str()),
                "{} uses {used}, which declarations() leaves out",
                d.name
            );
        }
    }
}

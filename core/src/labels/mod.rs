//! One catalogue of translated labels, in English and Russian, for the interface and the
//! printed documents alike: the label of every closed value (a community's kind, an
//! audience, a task status, …), the titles of the plan's stages, and the words of printed
//! documents (`print.*`). Keeping one copy stops the screen and the paper from drifting
//! apart. The interface reads a generated copy, `ui/js/contract/labels.js`, which a test
//! here keeps current.
//!
//! Keys are the interface's: `kind.<value>`, `audience.<value>`, `format.<value>`,
//! `platforms.kind.<value>`, `plan.status.<value>`, `members.level.<value>`,
//! `members.role.<value>`, `members.engagement.<value>`, `members.activity.<value>`,
//! `events.kind.<value>` (and `events.format`, `events.status`, `events.rsvp`, `events.role`),
//! `language.<value>`, `plan.stage.<number>` and `print.<word>`.

mod en;
mod ru;

use std::collections::BTreeMap;

use crate::community::platforms::PlatformKind;
use crate::community::{Audience, Format, Kind};
use crate::enums::Locale;
use crate::events::agenda::RoleKind;
use crate::events::attendance::Rsvp;
use crate::events::{EventFormat, EventKind, EventStatus};
use crate::members::{ActivityKind, EngagementLevel, Level, Role};
use crate::metrics::goals::{Direction as GoalDirection, GoalStatus};
use crate::metrics::impact::ImpactKind;
use crate::metrics::{Category as MetricCategory, Key as MetricKey};
use crate::plan::TaskStatus;

/// Every label of one language, as (key, text).
pub fn catalogue(locale: Locale) -> &'static [(&'static str, &'static str)] {
    match locale {
        Locale::En => en::LABELS,
        Locale::Ru => ru::LABELS,
    }
}

/// The text under `prefix.rest`, looked up without building the key (a closed value's
/// label, when its prefix is known only at run time: a shared field's, say).
pub fn find(locale: Locale, prefix: &str, rest: &str) -> Option<&'static str> {
    catalogue(locale).iter().find_map(|&(key, text)| {
        let tail = key.strip_prefix(prefix)?.strip_prefix('.')?;
        (tail == rest).then_some(text)
    })
}

/// A closed set of values whose every value has a label under `KEY_PREFIX.<value>`.
pub trait Labelled: Copy + 'static {
    const KEY_PREFIX: &'static str;
    const VALUES: &'static [Self];

    /// The value as stored and sent to the interface, e.g. `mid_level`.
    fn value(self) -> &'static str;

    /// The value's label; a value with no label (a test rules this out) shows as itself.
    fn label(self, locale: Locale) -> &'static str {
        find(locale, Self::KEY_PREFIX, self.value()).unwrap_or(self.value())
    }
}

macro_rules! labelled {
    ($($ty:ty => $prefix:literal),+ $(,)?) => {
        $(impl Labelled for $ty {
            const KEY_PREFIX: &'static str = $prefix;
            const VALUES: &'static [Self] = <$ty>::ALL;

            fn value(self) -> &'static str {
                self.as_str()
            }
        })+
    };
}

labelled! {
    Locale => "language",
    Kind => "kind",
    Audience => "audience",
    Format => "format",
    PlatformKind => "platforms.kind",
    TaskStatus => "plan.status",
    Level => "members.level",
    Role => "members.role",
    EngagementLevel => "members.engagement",
    ActivityKind => "members.activity",
    EventKind => "events.kind",
    EventFormat => "events.format",
    EventStatus => "events.status",
    Rsvp => "events.rsvp",
    RoleKind => "events.role",
    MetricKey => "metrics.key",
    MetricCategory => "metrics.category",
    ImpactKind => "metrics.impact",
    GoalDirection => "metrics.direction",
    GoalStatus => "metrics.goal",
}

/// The title of plan stage `number` (1 to 4).
pub fn stage_title(locale: Locale, number: u8) -> &'static str {
    find(locale, "plan.stage", &number.to_string()).unwrap_or("")
}

/// The labels under `prefix.`, keyed by the rest of their key: `words(en, "print")` maps
/// `planTitle` to "Community plan".
pub fn words(locale: Locale, prefix: &str) -> BTreeMap<&'static str, &'static str> {
    catalogue(locale)
        .iter()
        .filter_map(|&(key, text)| {
            let rest = key.strip_prefix(prefix)?.strip_prefix('.')?;
            Some((rest, text))
        })
        .collect()
}

/// Fails when `ui/js/contract/<name>` is not `body` under its header, and with
/// `HEARTH_UPDATE_CONTRACT=1` in the environment rewrites it first.
#[cfg(test)]
pub(crate) fn assert_generated_file_is_current(name: &str, source: &str, body: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/js/contract")
        .join(name);
    let expected = format!(
        "// Generated from {source}: do not edit.\n\
         // Regenerate with: HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth-core\n{body}"
    );
    if std::env::var("HEARTH_UPDATE_CONTRACT").as_deref() == Ok("1") {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/js/contract/{name} is stale: regenerate it with HEARTH_UPDATE_CONTRACT=1 cargo test -p hearth-core"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(locale: Locale) -> Vec<&'static str> {
        catalogue(locale).iter().map(|&(key, _)| key).collect()
    }

    #[test]
    fn both_languages_hold_the_same_keys_once_each_with_text() {
        assert_eq!(keys(Locale::En), keys(Locale::Ru));
        for &locale in Locale::ALL {
            let unique: BTreeSet<_> = keys(locale).into_iter().collect();
            assert_eq!(
                unique.len(),
                catalogue(locale).len(),
                "{locale}: a key twice"
            );
            for &(key, text) in catalogue(locale) {
                assert!(!text.trim().is_empty(), "{locale}: {key} is empty");
            }
        }
    }

    fn every_value_is_labelled<T: Labelled>() {
        for &locale in Locale::ALL {
            for &value in T::VALUES {
                assert!(
                    find(locale, T::KEY_PREFIX, value.value()).is_some(),
                    "{locale}: no label for {}.{}",
                    T::KEY_PREFIX,
                    value.value()
                );
            }
        }
    }

    #[test]
    fn every_closed_value_and_stage_has_a_label_in_both_languages() {
        every_value_is_labelled::<Locale>();
        every_value_is_labelled::<Kind>();
        every_value_is_labelled::<Audience>();
        every_value_is_labelled::<Format>();
        every_value_is_labelled::<PlatformKind>();
        every_value_is_labelled::<TaskStatus>();
        every_value_is_labelled::<Level>();
        every_value_is_labelled::<Role>();
        every_value_is_labelled::<EngagementLevel>();
        every_value_is_labelled::<ActivityKind>();
        every_value_is_labelled::<EventKind>();
        every_value_is_labelled::<EventFormat>();
        every_value_is_labelled::<EventStatus>();
        every_value_is_labelled::<Rsvp>();
        every_value_is_labelled::<RoleKind>();
        for &locale in Locale::ALL {
            for stage in &crate::plan::template::STAGES {
                let number = stage.number;
                assert!(
                    !stage_title(locale, number).is_empty(),
                    "{locale}: stage {number}"
                );
            }
        }
        assert_eq!(
            Kind::Functional.label(Locale::En),
            "Functional (a profession or role)"
        );
        assert_eq!(TaskStatus::InProgress.label(Locale::Ru), "В работе");
        assert_eq!(stage_title(Locale::Ru, 3), "Запуск");
        assert_eq!(words(Locale::En, "print")["planTitle"], "Community plan");
    }

    /// The interface's copy of the catalogue: frozen, so nothing in the interface edits it.
    fn interface_copy() -> String {
        let language = |locale: Locale| {
            let labels: BTreeMap<_, _> = catalogue(locale).iter().copied().collect();
            let json = serde_json::to_string_pretty(&labels).unwrap();
            format!(
                "  {locale}: Object.freeze({}),\n",
                json.replace('\n', "\n  ")
            )
        };
        format!(
            "export default Object.freeze({{\n{}{}}});\n",
            language(Locale::En),
            language(Locale::Ru),
        )
    }

    #[test]
    fn the_interfaces_copy_of_the_catalogue_is_current() {
        assert_generated_file_is_current(
            "labels.js",
            "hearth-core's label catalogue (core/src/labels/)",
            &interface_copy(),
        );
    }
}

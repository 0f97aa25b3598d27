//! The built-in plan, from the source note's "План создания сообщества", in English and
//! Russian. Each item has a stable key, so "restore missing items" can tell which ones a
//! community already has, whatever it renamed them to.

use crate::enums::Locale;
use crate::labels;

pub struct Stage {
    pub number: u8,
}

pub struct Item {
    pub key: &'static str,
    pub stage: u8,
    pub en: &'static str,
    pub ru: &'static str,
}

pub const STAGES: [Stage; 4] = [
    Stage { number: 1 },
    Stage { number: 2 },
    Stage { number: 3 },
    Stage { number: 4 },
];

pub const ITEMS: &[Item] = &[
    Item {
        key: "goal.mission",
        stage: 1,
        en: "Formulate the mission clearly",
        ru: "Ясно сформулировать миссию",
    },
    Item {
        key: "goal.audience",
        stage: 1,
        en: "Define the target audience",
        ru: "Определить целевую аудиторию",
    },
    Item {
        key: "goal.results",
        stage: 1,
        en: "Set the expected results",
        ru: "Установить ожидаемые результаты",
    },
    Item {
        key: "goal.value",
        stage: 1,
        en: "Define the unique value",
        ru: "Определить уникальную ценность",
    },
    Item {
        key: "planning.platforms",
        stage: 2,
        en: "Choose suitable platforms",
        ru: "Выбрать подходящие платформы",
    },
    Item {
        key: "planning.governance",
        stage: 2,
        en: "Create the governance structure",
        ru: "Создать структуру управления",
    },
    Item {
        key: "planning.rules",
        stage: 2,
        en: "Write the rules of interaction",
        ru: "Разработать правила взаимодействия",
    },
    Item {
        key: "planning.first_events",
        stage: 2,
        en: "Plan the first events",
        ru: "Спланировать начальные мероприятия",
    },
    Item {
        key: "launch.invite",
        stage: 3,
        en: "Invite the first members",
        ru: "Пригласить первых участников",
    },
    Item {
        key: "launch.activity",
        stage: 3,
        en: "Create activity",
        ru: "Создать активность",
    },
    Item {
        key: "launch.contacts",
        stage: 3,
        en: "Make the first contacts",
        ru: "Установить первые контакты",
    },
    Item {
        key: "launch.pilots",
        stage: 3,
        en: "Launch pilot initiatives",
        ru: "Запустить пилотные инициативы",
    },
    Item {
        key: "development.regular_events",
        stage: 4,
        en: "Hold regular events",
        ru: "Проводить регулярные мероприятия",
    },
    Item {
        key: "development.new_members",
        stage: 4,
        en: "Attract new members",
        ru: "Привлекать новых участников",
    },
    Item {
        key: "development.ties",
        stage: 4,
        en: "Strengthen the ties between members",
        ru: "Укреплять связи между участниками",
    },
    Item {
        key: "development.opportunities",
        stage: 4,
        en: "Expand the opportunities",
        ru: "Расширять возможности",
    },
];

impl Item {
    pub fn title(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::Ru => self.ru,
        }
    }
}

impl Stage {
    /// The stage's title, from the label catalogue (`plan.stage.<number>`).
    pub fn title(&self, locale: Locale) -> &'static str {
        labels::stage_title(locale, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_stage_has_items_and_keys_are_unique() {
        for stage in &STAGES {
            assert!(ITEMS.iter().filter(|i| i.stage == stage.number).count() >= 4);
        }
        let keys: HashSet<_> = ITEMS.iter().map(|i| i.key).collect();
        assert_eq!(keys.len(), ITEMS.len());
        assert!(ITEMS.iter().all(|i| !i.en.is_empty() && !i.ru.is_empty()));
    }
}

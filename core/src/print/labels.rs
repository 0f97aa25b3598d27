//! The words of printed documents in English and Russian. Printing happens in the core (a
//! file can be printed from the command line), so the core carries these few labels itself.

use chrono::NaiveDate;
use serde::Serialize;

use crate::community::platforms::PlatformKind;
use crate::community::{Audience, Format, Kind};
use crate::enums::Locale;
use crate::plan::TaskStatus;

#[derive(Serialize)]
pub struct Text {
    pub title: &'static str,
    pub charter: &'static str,
    pub mission: &'static str,
    pub kind: &'static str,
    pub audiences: &'static str,
    pub formats: &'static str,
    pub unique_value: &'static str,
    pub expected_results: &'static str,
    pub rules: &'static str,
    pub platforms: &'static str,
    pub platform: &'static str,
    pub link: &'static str,
    pub members: &'static str,
    pub stage: &'static str,
    pub task: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub status: &'static str,
    pub progress: &'static str,
    pub overdue: &'static str,
    pub printed_on: &'static str,
    pub no_tasks: &'static str,
    pub print: &'static str,
}

const EN: Text = Text {
    title: "Community plan",
    charter: "Charter",
    mission: "Mission",
    kind: "Kind",
    audiences: "Audiences",
    formats: "Formats",
    unique_value: "Unique value",
    expected_results: "Expected results",
    rules: "Rules and code of conduct",
    platforms: "Platforms",
    platform: "Platform",
    link: "Link",
    members: "Members",
    stage: "Stage",
    task: "Task",
    owner: "Owner",
    due: "Due",
    status: "Status",
    progress: "done",
    overdue: "overdue",
    printed_on: "Printed on",
    no_tasks: "No tasks in this stage.",
    print: "Print",
};

const RU: Text = Text {
    title: "План сообщества",
    charter: "Устав",
    mission: "Миссия",
    kind: "Тип",
    audiences: "Целевые аудитории",
    formats: "Форматы взаимодействия",
    unique_value: "Уникальная ценность",
    expected_results: "Ожидаемые результаты",
    rules: "Правила и кодекс поведения",
    platforms: "Платформы",
    platform: "Платформа",
    link: "Ссылка",
    members: "Участников",
    stage: "Этап",
    task: "Задача",
    owner: "Ответственный",
    due: "Срок",
    status: "Статус",
    progress: "выполнено",
    overdue: "просрочено",
    printed_on: "Напечатано",
    no_tasks: "На этом этапе нет задач.",
    print: "Печать",
};

pub struct Labels(Locale);

pub fn for_locale(locale: Locale) -> Labels {
    Labels(locale)
}

impl Labels {
    fn pick(&self, en: &'static str, ru: &'static str) -> &'static str {
        match self.0 {
            Locale::En => en,
            Locale::Ru => ru,
        }
    }

    pub fn text(&self) -> &'static Text {
        match self.0 {
            Locale::En => &EN,
            Locale::Ru => &RU,
        }
    }

    /// Russian dates are written 25.11.2026; English ones 25 Nov 2026, unambiguous on paper.
    pub fn date(&self, date: NaiveDate) -> String {
        match self.0 {
            Locale::En => date.format("%-d %b %Y").to_string(),
            Locale::Ru => date.format("%d.%m.%Y").to_string(),
        }
    }

    pub fn status(&self, status: TaskStatus) -> &'static str {
        match status {
            TaskStatus::Todo => self.pick("To do", "Сделать"),
            TaskStatus::InProgress => self.pick("In progress", "В работе"),
            TaskStatus::Done => self.pick("Done", "Готово"),
        }
    }

    pub fn kind(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Technology => self.pick("Technology", "Технологическое"),
            Kind::Industry => self.pick("Industry", "Отраслевое"),
            Kind::Functional => self.pick("Functional", "Функциональное"),
            Kind::Geographic => self.pick("Geographic", "Географическое"),
        }
    }

    pub fn audience(&self, audience: Audience) -> &'static str {
        match audience {
            Audience::Newcomers => self.pick("Newcomers to the field", "Новички в отрасли"),
            Audience::MidLevel => self.pick("Mid-level specialists", "Специалисты среднего уровня"),
            Audience::Experienced => {
                self.pick("Experienced professionals", "Опытные профессионалы")
            }
            Audience::Leaders => self.pick("Managers and leaders", "Руководители и лидеры"),
        }
    }

    pub fn format(&self, format: Format) -> &'static str {
        match format {
            Format::OnlineGroups => self.pick("Online groups and forums", "Онлайн-группы и форумы"),
            Format::OfflineEvents => self.pick("Offline events", "Офлайн-мероприятия"),
            Format::WebinarsConferences => {
                self.pick("Webinars and conferences", "Вебинары и конференции")
            }
            Format::JointProjects => self.pick(
                "Joint projects and initiatives",
                "Совместные проекты и инициативы",
            ),
        }
    }

    pub fn platform(&self, kind: PlatformKind) -> &'static str {
        match kind {
            PlatformKind::Telegram => "Telegram",
            PlatformKind::Discord => "Discord",
            PlatformKind::Slack => "Slack",
            PlatformKind::LinkedIn => "LinkedIn",
            PlatformKind::Facebook => "Facebook",
            PlatformKind::Discourse => "Discourse",
            PlatformKind::Website => self.pick("Website", "Сайт"),
            PlatformKind::Other => self.pick("Other", "Другое"),
        }
    }
}

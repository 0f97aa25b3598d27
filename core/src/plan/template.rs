//! The built-in plan, from the source note's "План создания сообщества", in English and
//! Russian. Each item has a stable key, so "restore missing items" can tell which ones a
//! community already has, whatever it renamed them to. Each item also teaches: its notes,
//! drawn from the note, say why the task matters, how to go about it, and give an example;
//! and it knows when it falls due relative to the launch, so a community given a target
//! launch date gets a plan with dates.

use chrono::{Duration, NaiveDate};

use crate::enums::Locale;
use crate::labels;

pub struct Stage {
    pub number: u8,
}

/// An item's words in one language.
pub struct Text {
    pub title: &'static str,
    /// Plain text, one line each for why, how and an example.
    pub notes: &'static str,
}

pub struct Item {
    pub key: &'static str,
    pub stage: u8,
    /// Days from the launch date to the task's due date: negative before the launch.
    pub due_from_launch: i64,
    pub en: Text,
    pub ru: Text,
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
        due_from_launch: -56,
        en: Text {
            title: "Formulate the mission clearly",
            notes: concat!(
                "Why: a clear mission tells people at once whether the community is for them, and keeps every later decision on course.\n",
                "How: write one or two sentences on whom the community brings together and what they gain from it; try them on a few future members.\n",
                "Example: “Help data engineers in our city learn from each other's production experience and grow into senior roles.”",
            ),
        },
        ru: Text {
            title: "Ясно сформулировать миссию",
            notes: concat!(
                "Зачем: ясная миссия сразу говорит человеку, для него ли это сообщество, и задаёт курс всем следующим решениям.\n",
                "Как: напишите одно-два предложения о том, кого сообщество объединяет и что участники от него получают; проверьте их на нескольких будущих участниках.\n",
                "Пример: «Помогать дата-инженерам нашего города учиться на опыте друг друга и расти до ведущих ролей».",
            ),
        },
    },
    Item {
        key: "goal.audience",
        stage: 1,
        due_from_launch: -52,
        en: Text {
            title: "Define the target audience",
            notes: concat!(
                "Why: a community for everyone serves no one well; knowing whom you serve decides the topics, the formats and even the time of meetings.\n",
                "How: choose the main groups (newcomers to the field, mid-level specialists, experienced professionals, managers and leaders) and write down what each needs from the community.\n",
                "Example: mid-level and experienced backend engineers who want to share production experience; newcomers are welcome to listen and ask.",
            ),
        },
        ru: Text {
            title: "Определить целевую аудиторию",
            notes: concat!(
                "Зачем: сообщество «для всех» никому не подходит по-настоящему; понимание того, для кого оно, определяет темы, форматы и даже время встреч.\n",
                "Как: выберите основные группы (новички в отрасли, специалисты среднего уровня, опытные профессионалы, руководители и лидеры) и запишите, что нужно от сообщества каждой из них.\n",
                "Пример: бэкенд-разработчики среднего и старшего уровня, которые хотят делиться опытом продакшена; новичкам рады как слушателям.",
            ),
        },
    },
    Item {
        key: "goal.results",
        stage: 1,
        due_from_launch: -49,
        en: Text {
            title: "Set the expected results",
            notes: concat!(
                "Why: expected results turn good intentions into something you can check, and later show whether the community works.\n",
                "How: name the results for members and for the community in the first year, with numbers where you can: members, regular events, joint projects, career growth.\n",
                "Example: a monthly meetup of 40 people, 200 active members by the end of the year, two joint projects.",
            ),
        },
        ru: Text {
            title: "Установить ожидаемые результаты",
            notes: concat!(
                "Зачем: ожидаемые результаты превращают добрые намерения в то, что можно проверить, и потом показывают, работает ли сообщество.\n",
                "Как: назовите результаты для участников и для сообщества на первый год, по возможности в числах: участники, регулярные встречи, совместные проекты, карьерный рост.\n",
                "Пример: ежемесячный митап на 40 человек, 200 активных участников к концу года, два совместных проекта.",
            ),
        },
    },
    Item {
        key: "goal.value",
        stage: 1,
        due_from_launch: -45,
        en: Text {
            title: "Define the unique value",
            notes: concat!(
                "Why: people already have chats, conferences and courses; they join and stay for what they cannot get anywhere else.\n",
                "How: list the communities that already exist on your topic and write what yours gives that they do not: the format, the depth, the audience or the place.\n",
                "Example: talks only from practitioners, never from vendors, and every meetup ends with a hands-on session.",
            ),
        },
        ru: Text {
            title: "Определить уникальную ценность",
            notes: concat!(
                "Зачем: у людей уже есть чаты, конференции и курсы; они приходят и остаются ради того, чего не найдут в другом месте.\n",
                "Как: перечислите сообщества, которые уже есть по вашей теме, и запишите, что ваше даёт такого, чего нет у них: формат, глубину, аудиторию или место.\n",
                "Пример: доклады только от практиков, никаких вендоров, и каждая встреча заканчивается практикой.",
            ),
        },
    },
    Item {
        key: "planning.platforms",
        stage: 2,
        due_from_launch: -35,
        en: Text {
            title: "Choose suitable platforms",
            notes: concat!(
                "Why: the platform decides how easily members find each other and whether what they share lasts.\n",
                "How: go where your audience already is: a chat for quick talk (Telegram, Slack or Discord), a lasting place for knowledge (a Discourse forum or your own website), and venues for meeting in person. Start with as few as you can.\n",
                "Example: a Telegram chat for announcements and questions, and a simple website with the archive of talks.",
            ),
        },
        ru: Text {
            title: "Выбрать подходящие платформы",
            notes: concat!(
                "Зачем: от площадки зависит, легко ли участникам найти друг друга и сохранится ли то, чем они делятся.\n",
                "Как: идите туда, где ваша аудитория уже есть: чат для быстрого общения (Telegram, Slack или Discord), постоянное место для знаний (форум на Discourse или свой сайт) и площадки для очных встреч. Начните с как можно меньшего числа.\n",
                "Пример: Telegram-чат для анонсов и вопросов и простой сайт с архивом докладов.",
            ),
        },
    },
    Item {
        key: "planning.governance",
        stage: 2,
        due_from_launch: -28,
        en: Text {
            title: "Create the governance structure",
            notes: concat!(
                "Why: a community that rests on one person stalls when that person is busy; a clear structure lets it grow.\n",
                "How: decide who organizes events, who moderates, who welcomes newcomers and who takes decisions, and how new people join the team.\n",
                "Example: three organizers share events, the chat and partnerships; a volunteer moderator joins once the chat passes 300 members.",
            ),
        },
        ru: Text {
            title: "Создать структуру управления",
            notes: concat!(
                "Зачем: сообщество, которое держится на одном человеке, замирает, когда он занят; понятная структура позволяет расти.\n",
                "Как: решите, кто организует мероприятия, кто модерирует, кто встречает новичков и кто принимает решения, и как в команду приходят новые люди.\n",
                "Пример: трое организаторов делят между собой мероприятия, чат и партнёрства; когда в чате становится больше 300 человек, к ним присоединяется модератор-волонтёр.",
            ),
        },
    },
    Item {
        key: "planning.rules",
        stage: 2,
        due_from_launch: -21,
        en: Text {
            title: "Write the rules of interaction",
            notes: concat!(
                "Why: clear rules keep the atmosphere positive and safe, and make moderation fair and predictable.\n",
                "How: write a short code of conduct: what is welcome, what is not (spam, sales pitches, harassment), how to report a problem and what happens next. Publish it where everyone sees it.\n",
                "Example: “Be kind and assume good intent. No recruiting in talks. Report harassment to the organizers: it means removal.”",
            ),
        },
        ru: Text {
            title: "Разработать правила взаимодействия",
            notes: concat!(
                "Зачем: понятные правила сохраняют позитивную и безопасную атмосферу и делают модерацию честной и предсказуемой.\n",
                "Как: напишите короткий кодекс поведения: что приветствуется, что нет (спам, продажи, домогательства), как сообщить о проблеме и что будет дальше. Опубликуйте его там, где его увидят все.\n",
                "Пример: «Будьте доброжелательны и предполагайте добрые намерения. Никакого рекрутинга в докладах. О домогательствах сообщайте организаторам: за них исключают».",
            ),
        },
    },
    Item {
        key: "planning.first_events",
        stage: 2,
        due_from_launch: -14,
        en: Text {
            title: "Plan the first events",
            notes: concat!(
                "Why: the first events set the community's rhythm and show newcomers what to expect.\n",
                "How: choose a format that suits the audience (a meetup, a webinar, a workshop), a date, a venue or a link, and two or three speakers. Plan the first three at once, at a regular interval.\n",
                "Example: a meetup on the last Thursday of each month in a partner's office: two talks, then time to talk.",
            ),
        },
        ru: Text {
            title: "Спланировать начальные мероприятия",
            notes: concat!(
                "Зачем: первые мероприятия задают ритм сообщества и показывают новичкам, чего ждать.\n",
                "Как: выберите формат под аудиторию (митап, вебинар, воркшоп), дату, площадку или ссылку и двух-трёх докладчиков. Спланируйте сразу первые три, с регулярным интервалом.\n",
                "Пример: митап в последний четверг месяца в офисе партнёра: два доклада, потом свободное общение.",
            ),
        },
    },
    Item {
        key: "launch.invite",
        stage: 3,
        due_from_launch: -7,
        en: Text {
            title: "Invite the first members",
            notes: concat!(
                "Why: the first members shape the culture of the community; here quality matters more than quantity.\n",
                "How: invite 20–30 people in person who fit the audience and share the mission: colleagues, speakers, active people from neighbouring communities. Tell each one why you thought of them.\n",
                "Example: a personal message to 25 engineers you know, inviting them to the first meetup and the chat.",
            ),
        },
        ru: Text {
            title: "Пригласить первых участников",
            notes: concat!(
                "Зачем: первые участники формируют культуру сообщества; здесь качество важнее количества.\n",
                "Как: лично пригласите 20–30 человек, которые подходят под аудиторию и разделяют миссию: коллег, докладчиков, активных людей из соседних сообществ. Скажите каждому, почему вы подумали именно о нём.\n",
                "Пример: личное сообщение 25 знакомым инженерам с приглашением на первый митап и в чат.",
            ),
        },
    },
    Item {
        key: "launch.activity",
        stage: 3,
        due_from_launch: 0,
        en: Text {
            title: "Create activity",
            notes: concat!(
                "Why: an empty chat or a silent forum drives newcomers away; early activity shows that the community is alive.\n",
                "How: share useful material regularly, start discussions with questions, ask members to introduce themselves, and in the first weeks answer every post quickly.\n",
                "Example: a weekly digest of three useful articles, and a Friday question: “What did you fix this week?”",
            ),
        },
        ru: Text {
            title: "Создать активность",
            notes: concat!(
                "Зачем: пустой чат или молчащий форум отпугивает новичков; активность с первых дней показывает, что сообщество живое.\n",
                "Как: регулярно делитесь полезными материалами, начинайте обсуждения с вопросов, просите участников представиться и в первые недели быстро отвечайте на каждое сообщение.\n",
                "Пример: еженедельная подборка из трёх полезных статей и пятничный вопрос: «Что вы починили на этой неделе?»",
            ),
        },
    },
    Item {
        key: "launch.contacts",
        stage: 3,
        due_from_launch: 7,
        en: Text {
            title: "Make the first contacts",
            notes: concat!(
                "Why: people stay for people; a member who knows others in the community comes back.\n",
                "How: introduce members with shared interests to each other, talk to every newcomer, and look for partners: companies, venues, neighbouring communities.\n",
                "Example: after each meetup, introduce two or three pairs of members who work on similar problems.",
            ),
        },
        ru: Text {
            title: "Установить первые контакты",
            notes: concat!(
                "Зачем: люди остаются ради людей; участник, который знает других в сообществе, возвращается.\n",
                "Как: знакомьте участников с общими интересами друг с другом, поговорите с каждым новичком и ищите партнёров: компании, площадки, соседние сообщества.\n",
                "Пример: после каждого митапа познакомьте две-три пары участников, которые решают похожие задачи.",
            ),
        },
    },
    Item {
        key: "launch.pilots",
        stage: 3,
        due_from_launch: 14,
        en: Text {
            title: "Launch pilot initiatives",
            notes: concat!(
                "Why: small experiments show what members value before you invest a lot of time.\n",
                "How: try one or two formats on a small scale (a study group, a joint project, mentoring pairs), give each a short time frame, and ask the participants what worked.\n",
                "Example: a six-week reading group on one book, with eight participants and a short survey at the end.",
            ),
        },
        ru: Text {
            title: "Запустить пилотные инициативы",
            notes: concat!(
                "Зачем: небольшие эксперименты показывают, что ценно участникам, прежде чем вы вложите много времени.\n",
                "Как: попробуйте в малом масштабе один-два формата (учебную группу, совместный проект, пары наставничества), дайте каждому короткий срок и спросите участников, что сработало.\n",
                "Пример: шестинедельный книжный клуб по одной книге на восемь человек с коротким опросом в конце.",
            ),
        },
    },
    Item {
        key: "development.regular_events",
        stage: 4,
        due_from_launch: 30,
        en: Text {
            title: "Hold regular events",
            notes: concat!(
                "Why: regular activity is what turns a group of people into a community; a predictable rhythm keeps members coming back.\n",
                "How: keep to a pace you can sustain, vary the formats and topics, and after each event collect feedback and improve the next one.\n",
                "Example: a monthly meetup, a workshop each quarter, and an online discussion in between.",
            ),
        },
        ru: Text {
            title: "Проводить регулярные мероприятия",
            notes: concat!(
                "Зачем: именно регулярная активность превращает группу людей в сообщество; предсказуемый ритм заставляет участников возвращаться.\n",
                "Как: держите темп, который вам по силам, меняйте форматы и темы, после каждого мероприятия собирайте отзывы и улучшайте следующее.\n",
                "Пример: ежемесячный митап, воркшоп раз в квартал и онлайн-обсуждение между ними.",
            ),
        },
    },
    Item {
        key: "development.new_members",
        stage: 4,
        due_from_launch: 45,
        en: Text {
            title: "Attract new members",
            notes: concat!(
                "Why: people change jobs and interests, so a community that does not grow slowly fades.\n",
                "How: make the community easy to find and join: a clear description, open events, talks at conferences, partnerships with companies and universities. Ask members to bring a colleague, and note where newcomers come from.\n",
                "Example: speakers share the event link, and every meetup keeps ten seats for first-timers.",
            ),
        },
        ru: Text {
            title: "Привлекать новых участников",
            notes: concat!(
                "Зачем: у людей меняются работа и интересы, поэтому сообщество, которое не растёт, постепенно угасает.\n",
                "Как: сделайте так, чтобы сообщество было легко найти и в него легко вступить: понятное описание, открытые мероприятия, доклады на конференциях, партнёрства с компаниями и вузами. Просите участников приводить коллег и отмечайте, откуда приходят новички.\n",
                "Пример: докладчики делятся ссылкой на встречу, а на каждом митапе десять мест оставлено для тех, кто пришёл впервые.",
            ),
        },
    },
    Item {
        key: "development.ties",
        stage: 4,
        due_from_launch: 60,
        en: Text {
            title: "Strengthen the ties between members",
            notes: concat!(
                "Why: ties between members, not only with the organizers, make the community last and spread its value.\n",
                "How: create occasions for members to work and talk together, recognise contributions in public, and support members' own initiatives.\n",
                "Example: thank the speakers and helpers at each meetup and in the chat, and help members start their own study groups.",
            ),
        },
        ru: Text {
            title: "Укреплять связи между участниками",
            notes: concat!(
                "Зачем: связи между самими участниками, а не только с организаторами, делают сообщество устойчивым и умножают его пользу.\n",
                "Как: создавайте поводы работать и общаться вместе, публично признавайте вклад и поддерживайте инициативы участников.\n",
                "Пример: благодарите докладчиков и помощников на каждом митапе и в чате и помогайте участникам запускать свои учебные группы.",
            ),
        },
    },
    Item {
        key: "development.opportunities",
        stage: 4,
        due_from_launch: 90,
        en: Text {
            title: "Expand the opportunities",
            notes: concat!(
                "Why: as members grow, the community has to grow with them, or its most experienced members leave.\n",
                "How: add new opportunities (mentoring, joint projects, speaking and organizing roles, introductions to employers and partners) and watch their effect on members' careers and skills.\n",
                "Example: experienced members mentor newcomers, and the community runs a joint open-source project with a partner company.",
            ),
        },
        ru: Text {
            title: "Расширять возможности",
            notes: concat!(
                "Зачем: участники растут, и сообщество должно расти вместе с ними, иначе самые опытные уходят.\n",
                "Как: добавляйте новые возможности (наставничество, совместные проекты, роли докладчиков и организаторов, знакомства с работодателями и партнёрами) и следите, как они влияют на карьеру и навыки участников.\n",
                "Пример: опытные участники наставляют новичков, а сообщество ведёт совместный open-source проект с компанией-партнёром.",
            ),
        },
    },
];

impl Item {
    pub fn text(&self, locale: Locale) -> &Text {
        match locale {
            Locale::En => &self.en,
            Locale::Ru => &self.ru,
        }
    }

    pub fn title(&self, locale: Locale) -> &'static str {
        self.text(locale).title
    }

    pub fn notes(&self, locale: Locale) -> &'static str {
        self.text(locale).notes
    }

    /// The task's due date for a community launching on `launch`.
    pub fn due(&self, launch: NaiveDate) -> Option<NaiveDate> {
        launch.checked_add_signed(Duration::days(self.due_from_launch))
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
        assert!(ITEMS
            .iter()
            .all(|i| !i.en.title.is_empty() && !i.ru.title.is_empty()));
    }

    /// Each item teaches in both languages: why, how and an example, one short line each,
    /// plain text that fits a task's notes.
    #[test]
    fn every_item_has_notes_on_why_how_and_an_example_in_both_languages() {
        let headings = [
            (Locale::En, ["Why: ", "How: ", "Example: "]),
            (Locale::Ru, ["Зачем: ", "Как: ", "Пример: "]),
        ];
        for item in ITEMS {
            for (locale, words) in headings {
                let notes = item.notes(locale);
                let lines: Vec<_> = notes.lines().collect();
                assert_eq!(lines.len(), 3, "{}: {locale}", item.key);
                for (line, word) in lines.iter().zip(words) {
                    assert!(line.starts_with(word), "{}: {locale}: {line}", item.key);
                }
                assert!(
                    notes.chars().count() <= 800,
                    "{}: {locale}: short, and far below the notes limit",
                    item.key
                );
                assert!(
                    !notes.contains(['*', '#', '`', '_']),
                    "{}: {locale}: plain text",
                    item.key
                );
            }
        }
    }

    fn create(db: &mut crate::Db, locale: &str, launch: Option<&str>) -> Result<i64, crate::Error> {
        let new = crate::community::NewCommunity {
            name: "Guild".into(),
            locale: locale.into(),
            time_zone: "UTC".into(),
            launch_date: launch.map(Into::into),
        };
        crate::community::create(db, &new).map(|c| c.id)
    }

    #[test]
    fn a_community_with_a_launch_date_gets_notes_and_due_dates_counted_from_it() {
        let mut t = crate::db::testing::temp_db();
        let id = create(&mut t.db, "ru", Some("2026-09-01")).unwrap();
        let launch = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let tasks = crate::plan::tasks(&t.db, id).unwrap();
        assert_eq!(tasks.len(), ITEMS.len());
        for item in ITEMS {
            let task = tasks.iter().find(|t| t.title == item.ru.title).unwrap();
            assert_eq!(task.notes, item.ru.notes, "{}", item.key);
            assert_eq!(task.due, item.due(launch), "{}", item.key);
        }
        assert_eq!(tasks[0].due, NaiveDate::from_ymd_opt(2026, 7, 7));

        // A due date is the organizer's to change or clear, like any other.
        let mut input = crate::plan::TaskInput::from(&tasks[0]);
        input.due = None;
        let cleared = crate::plan::update_task(&mut t.db, tasks[0].id, &input).unwrap();
        assert_eq!(
            (cleared.due, cleared.notes.as_str()),
            (None, ITEMS[0].ru.notes)
        );
    }

    #[test]
    fn without_a_launch_date_the_tasks_have_notes_and_no_due_dates() {
        let mut t = crate::db::testing::temp_db();
        let id = create(&mut t.db, "en", None).unwrap();
        let tasks = crate::plan::tasks(&t.db, id).unwrap();
        assert!(tasks.iter().all(|t| t.due.is_none()));
        assert_eq!(tasks[0].notes, ITEMS[0].en.notes);

        // Restored template tasks come back with their notes too.
        crate::plan::delete_task(&mut t.db, tasks[0].id).unwrap();
        assert_eq!(crate::plan::restore_template(&mut t.db, id).unwrap(), 1);
        let restored = crate::plan::tasks(&t.db, id).unwrap();
        let mission = restored
            .iter()
            .find(|t| t.title == ITEMS[0].en.title)
            .unwrap();
        assert_eq!(
            (mission.notes.as_str(), mission.due),
            (ITEMS[0].en.notes, None)
        );
    }

    #[test]
    fn a_bad_launch_date_creates_nothing() {
        let mut t = crate::db::testing::temp_db();
        let revision = t.db.revision().unwrap();
        let err = create(&mut t.db, "en", Some("2026-13-01")).unwrap_err();
        match err {
            crate::Error::InvalidInput { field, .. } => {
                assert_eq!(field.as_deref(), Some("launchDate"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(t.db.revision().unwrap(), revision, "nothing was written");
    }

    /// Stages 1 and 2 fall before the launch, stage 3 around it, stage 4 after it, and
    /// within a stage the tasks fall due in the order they are listed.
    #[test]
    fn due_dates_follow_the_stages_around_the_launch() {
        let launch = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        for item in ITEMS {
            let due = item.due(launch).unwrap();
            match item.stage {
                1 | 2 => assert!(due < launch, "{}", item.key),
                3 => assert!((due - launch).num_days().abs() <= 21, "{}", item.key),
                _ => assert!(due > launch, "{}", item.key),
            }
        }
        for pair in ITEMS.windows(2) {
            assert!(pair[0].due_from_launch <= pair[1].due_from_launch);
        }
    }
}

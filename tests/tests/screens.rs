//! Every screen of the app, in English and in Russian, in the default window (1100×720) and
//! the smallest one Hearth is made for (800×600): each is photographed
//! (`target/e2e-screens/screens-<screen>-<lang>-<size>.png`, for a person to look at) and
//! passed through axe-core, which must find no violation. At 800×600 nothing scrolls
//! sideways (not the page, not its main content, not a dialog), and on every screen at both
//! sizes the screen's primary action is wholly in the window, where a person finds it
//! without scrolling.
//!
//! The screens, in the order a newcomer meets them: the first-run welcome, the sample
//! community with its banner, the new-community form, a charter with the time-zone list
//! open, the Platforms dialog, the Plan, the task dialog, the member roster (one's own, empty;
//! the sample's, a member's page with why their engagement is what it is, the import wizard's
//! file, columns and review steps, and its review of a bad file), Calendar, Metrics' cards,
//! Settings with a backup listed and a check's result, Settings' engagement form
//! with its Save, the question before closing, the plan's print preview (its own window), and
//! the recovery banner after the database was damaged while Hearth was closed.
//!
//! One app per language; the window is resized rather than the app relaunched (the recovery
//! banner alone needs a new start, on a damaged file). Problems are gathered over the whole
//! tour and reported together, so one run tells everything that is wrong.

use std::time::{Duration, Instant};

use hearth_e2e::fantoccini::key::Key;
use hearth_e2e::{describe_violations, json, screens_dir, App, Harness};

/// Files to import, in each language: one with a person in it twice (the review lists the
/// duplicate with what to do about it), one with an invalid email and a day that does not
/// exist (the review names them by row and column).
const IMPORT_EN: &str = "Full name;E-mail;Phone;Company;RSVP date;How did you hear about us?\n\
Anna Petrova;anna@example.org;+1 555 0100;Acme;2025-03-01;Meetup\n\
John Smith;john@example.com;;Globex;2024-11-15;A friend\n\
Maria Silva;maria@example.pt;+351 912 345 678;Initech;2026-02-02;Twitter\n\
Anna Petrova;anna@example.org;;Acme;2025-03-01;\n";
const IMPORT_RU: &str = "ФИО;Электронная почта;Телефон;Компания;Дата регистрации;Откуда узнали\n\
Анна Петрова;anna@example.org;+7 900 123-45-67;Яндекс;01.03.2025;Телеграм\n\
Иван Сидоров;ivan@example.ru;;Сбер;15.11.2024;Друзья\n\
Мария Ёлкина;maria@example.ru;8 (495) 111-22-33;Тинькофф;02.02.2026;Хабр\n\
Анна Петрова;anna@example.org;;Яндекс;01.03.2025;\n";
const BAD_EN: &str = "Name,Email,Joined\nAnna Petrova,not-an-email,2025-03-01\nJohn Smith,john@example.com,2026-02-30\n";
const BAD_RU: &str = "Имя,Почта,Дата регистрации\nАнна Петрова,это-не-почта,01.03.2025\nИван Сидоров,ivan@example.ru,30.02.2026\n";

/// The window Hearth opens with, and the smallest it is made for.
const SIZES: [(u32, u32); 2] = [(1100, 720), (800, 600)];
const SMALL: (u32, u32) = (800, 600);

/// One language's tour: what it was called, and what it found.
struct Tour {
    lang: &'static str,
    problems: Vec<String>,
    shots: Vec<String>,
}

impl Tour {
    fn new(lang: &'static str) -> Tour {
        Tour {
            lang,
            problems: Vec::new(),
            shots: Vec::new(),
        }
    }

    fn russian(&self) -> bool {
        self.lang == "ru"
    }

    /// Pick what this tour's language says.
    fn say<T>(&self, en: T, ru: T) -> T {
        if self.russian() {
            ru
        } else {
            en
        }
    }
}

/// Boxes wider than they show: the page itself, its main content, its scrolling areas, the
/// sidebar and an open dialog. Each is named with its overflow.
const SIDEWAYS: &str = r#"
const boxes = new Set([document.scrollingElement, ...document.querySelectorAll('main, .scroller, .sidebar, dialog[open]')]);
return [...boxes].filter((b) => b && b.scrollWidth > b.clientWidth + 1)
  .map((b) => `${b === document.scrollingElement ? 'the page' : (b.dataset.testid || b.className || b.tagName)}: ${b.scrollWidth} > ${b.clientWidth}`);
"#;

/// Where each of these elements is against the window, `null` for one that is missing; an
/// element the window does not wholly show is described.
const OUT_OF_WINDOW: &str = r#"
return arguments[0].flatMap((css) => {
  const e = document.querySelector(css);
  if (!e) return [`${css}: not on the screen`];
  const r = e.getBoundingClientRect();
  const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
    && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
  return inside ? [] : [`${css}: at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in a ${window.innerWidth}×${window.innerHeight} window`];
});
"#;

/// Shown text (and the names and hints a screen reader gives) with Latin letters and no
/// Cyrillic: on a Russian screen, candidates for a string that was never translated.
const LATIN_ONLY: &str = r#"
const found = new Set();
const latin = (s) => /[A-Za-z]{3,}/.test(s) && !/[А-Яа-яЁё]/.test(s);
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  const parent = node.parentElement;
  if (!text || !latin(text) || !parent || parent.closest('script, style, option:not(:checked)')) continue;
  if (parent.checkVisibility && !parent.checkVisibility()) continue;
  found.add(text.slice(0, 80));
}
for (const e of document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
  for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
    const value = e.getAttribute(name);
    if (value && latin(value)) found.add(`${name}="${value.slice(0, 80)}"`);
  }
}
return [...found];
"#;

/// A snapshot of the window once it has caught up with the page. Right after a resize (or a
/// scroll from a script) WebDriver's snapshot can still be the frame before it, cut to the
/// new size with black where nothing was drawn; two snapshots in a row that agree are taken
/// for the window as it is (a blinking caret may keep them apart: then the last one).
async fn settled_screenshot(app: &App) -> Vec<u8> {
    let take = || async {
        app.client()
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot: {e}"))
    };
    // Two painted frames first, as the harness's own screenshot waits for.
    app.client()
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            vec![],
        )
        .await
        .ok();
    let mut last = take().await;
    for _ in 0..8 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let next = take().await;
        if next == last {
            break;
        }
        last = next;
    }
    last
}

/// Photographs the screen now showing at `size` and checks it: axe-core, the primary
/// action (CSS selectors) in the window, and at 800×600 no sideways scrolling.
async fn capture_at(
    app: &App,
    tour: &mut Tour,
    screen: &str,
    (width, height): (u32, u32),
    primary: &[&str],
) {
    app.resize(width, height).await;
    let name = format!("screens-{screen}-{}-{width}x{height}", tour.lang);
    let what = format!("{screen} ({}, {width}×{height})", tour.lang);
    let png = settled_screenshot(app).await;
    let path = screens_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write the screenshot");
    eprintln!("[e2e] screenshot {}", path.display());
    tour.shots.push(format!("{name}.png"));

    let violations = app.accessibility_violations().await;
    if !violations.is_empty() {
        tour.problems.push(format!(
            "axe-core on {what}:\n{}",
            describe_violations(&violations)
        ));
    }
    if (width, height) == SMALL {
        let wide = app.exec(SIDEWAYS, vec![]).await;
        if wide != json!([]) {
            tour.problems
                .push(format!("sideways scrolling on {what}: {wide}"));
        }
    }
    let outside = app.exec(OUT_OF_WINDOW, vec![json!(primary)]).await;
    if outside != json!([]) {
        tour.problems.push(format!(
            "the primary action is not wholly in the window on {what}: {outside}"
        ));
    }
    if tour.russian() {
        let latin = app.exec(LATIN_ONLY, vec![]).await;
        if latin != json!([]) {
            // Names, paths and links are Latin in any language: a person reads the list.
            eprintln!("[e2e] Latin-only text on {what}: {latin}");
        }
    }
}

/// [`capture_at`] at both sizes, the default window last so the next screen opens in it.
async fn capture(app: &App, tour: &mut Tour, screen: &str, primary: &[&str]) {
    capture_at(app, tour, screen, SIZES[1], primary).await;
    capture_at(app, tour, screen, SIZES[0], primary).await;
}

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Types a place into the charter's time zone and waits for its list to show; the field and
/// its list are brought to the middle of the window. False when the charter has no such
/// list (a plain text field).
async fn open_time_zone_list(app: &App, query: &str) -> bool {
    let combobox = app
        .exec(
            "return document.querySelector('[data-testid=\"charter-time-zone\"]')?.getAttribute('role') === 'combobox';",
            vec![],
        )
        .await;
    if combobox != json!(true) {
        return false;
    }
    app.type_text("charter-time-zone", query).await;
    app.eventually(&format!("the time-zone list for {query:?}"), || async move {
        let shown = app
            .exec(
                "const list = document.querySelector('[data-testid=\"charter-time-zone-list\"]');
                 return !!list && !list.hidden && list.checkVisibility() && list.querySelector('[role=\"option\"]') !== null;",
                vec![],
            )
            .await;
        (shown == json!(true)).then_some(())
    })
    .await;
    app.exec(
        "document.querySelector('[data-testid=\"charter-time-zone\"]').scrollIntoView({ block: 'center' }); return 1;",
        vec![],
    )
    .await;
    true
}

/// Scrolls the content back to its top, so a screen is photographed as it opens.
async fn scroll_to_top(app: &App) {
    app.exec(
        "for (const s of document.querySelectorAll('.scroller, main')) s.scrollTop = 0; return 1;",
        vec![],
    )
    .await;
}

async fn tour(lang: &'static str) -> Tour {
    let mut tour = Tour::new(lang);
    let mut builder = Harness::builder(&format!("screens-{lang}"));
    if lang == "ru" {
        builder = builder.locale("ru_RU.UTF-8");
    }
    let mut app = builder.build().launch().await;

    // ---- Proof that the pass can fail: a field without a label is reported ----------------
    app.wait("welcome").await;
    app.wait_html_lang(lang).await;
    let planted = app
        .exec(
            "const probe = document.createElement('input'); probe.id = 'screens-unlabelled-probe';
             document.body.append(probe); return 1;",
            vec![],
        )
        .await;
    assert_eq!(planted, json!(1));
    let found = app.accessibility_violations().await;
    assert!(
        found
            .iter()
            .any(|v| v["id"] == "label"
                && v["nodes"].to_string().contains("screens-unlabelled-probe")),
        "axe-core reports an input without a label: {}",
        describe_violations(&found)
    );
    app.exec(
        "document.getElementById('screens-unlabelled-probe').remove(); return 1;",
        vec![],
    )
    .await;

    // ---- First run --------------------------------------------------------------------------
    capture(&app, &mut tour, "welcome", &[&testid("welcome-create")]).await;

    // ---- The sample community, which says it is one -------------------------------------------
    app.click("welcome-demo").await;
    app.wait("charter-form").await;
    app.wait("sample-banner").await;
    let sample_id = app.value("community-switcher").await;
    capture(
        &app,
        &mut tour,
        "sample",
        &[&testid("sample-banner-new"), &testid("charter-save")],
    )
    .await;

    // ---- The new-community form, and one's own community --------------------------------------
    app.click("sidebar-new-community").await;
    app.wait("welcome-cancel").await;
    capture(
        &app,
        &mut tour,
        "new-community",
        &[&testid("welcome-create")],
    )
    .await;
    app.type_text("welcome-name", tour.say("Screens Guild", "Клуб экранов"))
        .await;
    app.click("welcome-create").await;
    app.wait("charter-form").await;
    assert!(
        !app.visible("sample-banner").await,
        "one's own community is no sample"
    );

    // ---- The charter, its time-zone list open ---------------------------------------------------
    let (query, picked) = tour.say(("Lisbon", "Europe/Lisbon"), ("Москва", "Europe/Moscow"));
    let mut listed = false;
    for size in SIZES.into_iter().rev() {
        app.resize(size.0, size.1).await;
        listed = open_time_zone_list(&app, query).await;
        if !listed {
            eprintln!("[e2e] the charter's time zone has no list to open: photographed as it is");
        }
        capture_at(&app, &mut tour, "charter", size, &[&testid("charter-save")]).await;
    }
    if listed {
        // Picked from the keyboard, which closes the list with nothing left to search for.
        app.keys(&[], Key::Down).await;
        app.keys(&[], Key::Enter).await;
        app.eventually(&format!("{picked} picked from the list"), || async {
            let closed = !app.visible("charter-time-zone-list").await;
            (closed && app.value("charter-time-zone").await == picked).then_some(())
        })
        .await;
    }
    app.click("charter-save").await;
    app.wait_text("charter-status", "to say the charter was saved", |t| {
        t == "Saved" || t == "Сохранено"
    })
    .await;
    scroll_to_top(&app).await;

    // ---- The Platforms dialog -------------------------------------------------------------------
    app.click("platform-add").await;
    app.wait("platform-dialog").await;
    capture(&app, &mut tour, "platforms", &[&testid("platform-save")]).await;
    app.click("platform-cancel").await;
    app.wait_gone("platform-dialog").await;

    // ---- The Plan, and a task of the template in its dialog -------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    app.wait("plan-task").await;
    capture(&app, &mut tour, "plan", &[&testid("plan-add")]).await;
    app.click("plan-task-title").await;
    app.wait("task-dialog").await;
    capture(&app, &mut tour, "task-dialog", &[&testid("task-save")]).await;
    app.click("task-cancel").await;
    app.wait_gone("task-dialog").await;

    // ---- The roster: one's own, empty; the sample's, a member's page, an import ---------------------
    app.click("nav-members").await;
    app.wait("members-roster").await;
    capture(&app, &mut tour, "members", &[&testid("members-add")]).await;
    let own_id = app.value("community-switcher").await;
    app.select("community-switcher", &sample_id).await;
    app.click("nav-members").await;
    app.wait("members-row").await;
    app.wait_text("members-count", "the sample's members counted", |t| {
        t.contains("150")
    })
    .await;
    capture(&app, &mut tour, "members-roster", &[&testid("members-add")]).await;
    // The most engaged member first, so that the explanation has rows to show.
    app.click("members-sort-engagement").await;
    let top = app
        .exec(
            "return window.__TAURI__.core.invoke('member_page', { communityId: Number(arguments[0]), query: { search: '', levels: [], roles: [], tags: [], engagement: [], sort: 'engagement', descending: true }, offset: 0, limit: 1 }).then((p) => p.rows[0].name);",
            vec![json!(sample_id)],
        )
        .await;
    let top = top.as_str().expect("the most engaged member").to_string();
    app.wait_text("members-row-name", "the roster sorted by engagement", |t| {
        t == top
    })
    .await;
    app.click("members-row-name").await;
    app.wait("member-page").await;
    app.wait("member-why-row").await;
    capture(&app, &mut tour, "member-page", &[&testid("member-edit")]).await;
    // In the small window the explanation is under the profile: brought into sight there.
    app.resize(SMALL.0, SMALL.1).await;
    let shown = app
        .exec(
            // The content's own scroller, as a wheel moves it (scrollIntoView would also move
            // the window's frame when the section cannot reach the top).
            "const scroller = document.querySelector('main .scroller');
             const section = document.querySelector('[data-testid=member-engagement]');
             scroller.scrollTop += section.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
             return 1;",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(1));
    capture_at(&app, &mut tour, "member-page-engagement", SMALL, &[]).await;
    app.click("member-back").await;
    app.wait("members-roster").await;
    app.clear("members-search").await;

    let file = app
        .root()
        .join(tour.say("new-members.csv", "novye-uchastniki.csv"));
    std::fs::write(&file, tour.say(IMPORT_EN, IMPORT_RU)).expect("write the file to import");
    app.click("members-import").await;
    app.wait("import-dialog").await;
    capture(&app, &mut tour, "import-file", &[&testid("import-choose")]).await;
    app.choose_file("import-choose", &file).await;
    app.wait("import-columns").await;
    capture(&app, &mut tour, "import-columns", &[&testid("import-next")]).await;
    app.click("import-next").await;
    app.wait("import-duplicates").await;
    capture(
        &app,
        &mut tour,
        "import-review",
        &[&testid("import-confirm")],
    )
    .await;
    let bad = app
        .root()
        .join(tour.say("bad-members.csv", "plokhoy-fayl.csv"));
    std::fs::write(&bad, tour.say(BAD_EN, BAD_RU)).expect("write the bad file");
    app.click("import-back").await;
    app.wait("import-columns").await;
    app.click("import-back").await;
    app.wait("import-drop").await;
    app.choose_file("import-choose", &bad).await;
    app.wait("import-columns").await;
    app.click("import-next").await;
    app.wait("import-problems").await;
    capture(
        &app,
        &mut tour,
        "import-problems",
        &[&testid("import-recheck")],
    )
    .await;
    app.click("import-cancel").await;
    app.wait_gone("import-dialog").await;
    app.select("community-switcher", &own_id).await;

    // ---- The calendar, with the month's title in sight --------------------------------------------
    app.click("nav-calendar").await;
    app.wait("calendar-grid").await;
    app.wait_text("calendar-title", "to name the month", |t| !t.is_empty())
        .await;
    capture(&app, &mut tour, "calendar", &[&testid("calendar-title")]).await;

    // ---- Metrics, with the first cards in sight ----------------------------------------------------
    app.click("nav-metrics").await;
    app.wait("metric-members_total-value").await;
    app.wait_text("section-title", "to name the section", |t| !t.is_empty())
        .await;
    capture(
        &app,
        &mut tour,
        "metrics",
        &[&testid("metric-members_total")],
    )
    .await;

    // ---- Settings, with a backup listed and the check's result -----------------------------------
    app.click("nav-settings").await;
    app.wait("backup-list").await;
    app.click("backup-now").await;
    app.wait("backup-row").await;
    app.click("check-now").await;
    app.wait_text("check-result", "to show the check's result", |t| {
        !t.trim().is_empty()
    })
    .await;
    // The toasts of the backup and the check go first: the screen as it stays.
    app.eventually("the toasts to go", || async {
        (!app.visible("toast-message").await).then_some(())
    })
    .await;
    // The check's result is what was asked for last: it is brought into sight at each size.
    for size in SIZES.into_iter().rev() {
        app.resize(size.0, size.1).await;
        app.exec(
            "document.querySelector('[data-testid=\"check-result\"]').scrollIntoView({ block: 'nearest' }); return 1;",
            vec![],
        )
        .await;
        capture_at(&app, &mut tour, "settings", size, &[&testid("backup-now")]).await;
    }
    // Engagement's form scrolled to its end: the levels, follow-up and Save in sight.
    for size in SIZES.into_iter().rev() {
        app.resize(size.0, size.1).await;
        app.exec(
            "document.querySelector('[data-testid=\"engagement-save\"]').scrollIntoView({ block: 'end' }); return 1;",
            vec![],
        )
        .await;
        capture_at(
            &app,
            &mut tour,
            "settings-engagement",
            size,
            &[&testid("engagement-save")],
        )
        .await;
    }

    // ---- The question before closing, with a charter edited ----------------------------------------
    app.click("nav-charter").await;
    app.wait("charter-form").await;
    let mission = app.value("charter-mission").await;
    app.type_text(
        "charter-mission",
        tour.say(
            "People who build screens, together.",
            "Люди, которые делают экраны, вместе.",
        ),
    )
    .await;
    app.close_window().await;
    app.wait("close-question").await;
    capture(
        &app,
        &mut tour,
        "close-question",
        &[&testid("close-question-save")],
    )
    .await;
    app.click("close-question-cancel").await;
    app.wait_gone("close-question").await;
    app.type_text("charter-mission", &mission).await;
    app.click("charter-save").await;
    app.wait_text("charter-status", "to say the charter was saved", |t| {
        t == "Saved" || t == "Сохранено"
    })
    .await;

    // ---- The plan's print preview, in its own window -------------------------------------------------
    app.click("nav-plan").await;
    app.wait("plan-board").await;
    let main = app.client().window().await.expect("the main window");
    app.open_print_preview("plan-print").await;
    capture(&app, &mut tour, "print-preview", &["#print-button"]).await;
    app.client()
        .close_window()
        .await
        .expect("close the preview");
    app.client()
        .switch_to_window(main)
        .await
        .expect("back to the main window");

    // ---- The recovery banner: the file was damaged while Hearth was closed ----------------------------
    app.stop_app().await;
    let db = app.data_dir().join("hearth.sqlite3");
    let mut bytes = std::fs::read(&db).expect("the database file");
    bytes.iter_mut().skip(100).for_each(|b| *b = 0x5a);
    std::fs::write(&db, &bytes).expect("damage the file");
    app.start_app().await;
    app.wait("recovery").await;
    app.wait_html_lang(lang).await;
    capture(&app, &mut tour, "recovery", &[&testid("recovery-restore")]).await;

    app.shutdown().await;
    tour
}

#[tokio::test]
async fn every_screen_in_both_languages_and_sizes() {
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut shots = Vec::new();
    for lang in ["en", "ru"] {
        let tour = tour(lang).await;
        problems.extend(tour.problems);
        shots.extend(tour.shots);
    }
    eprintln!(
        "[e2e] screens: {} screenshots in {:.1} s:\n  {}",
        shots.len(),
        started.elapsed().as_secs_f64(),
        shots.join("\n  ")
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) across the screens:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

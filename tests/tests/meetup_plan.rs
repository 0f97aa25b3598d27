//! An event's meetup plan as an organizer takes it to the venue, in English and in Russian:
//! Print plan on the event, the preview with the agenda's clock times, then Save as PDF in
//! each of the three variants, through the system's save dialog. Each PDF is read back (its
//! text holds the event's title and the agenda's clock times) and its pages are rendered to
//! PNG to be looked at (`target/e2e-screens/meetup-pdf-*`). US Letter, chosen in the
//! preview, gives letter-sized pages; Save as HTML writes the document without the preview's
//! toolbar.

use hearth_e2e::calendar::next_meetup;
use hearth_e2e::pdf::{pdf_pages, pdf_text, pdf_to_png};
use hearth_e2e::{json, App, Harness, Value};

async fn texts(app: &App, css: &str) -> Vec<String> {
    let found = app
        .exec(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim());",
            vec![json!(css)],
        )
        .await;
    serde_json::from_value(found).expect("texts")
}

async fn meetup_plan_on_paper(name: &str, locale: &str, language: &str) {
    let harness = Harness::builder(name).locale(locale).build();
    harness
        .cli(&["demo", "--locale", language])
        .assert_success();
    let next = next_meetup(&harness);
    let id = next["id"].as_i64().unwrap();
    let title = next["title"].as_str().unwrap().to_string();
    let day = next["start"].as_str().unwrap()[..10].to_string();
    let saved_in = harness.root().join("saved");
    std::fs::create_dir_all(&saved_in).expect("a folder to save in");

    let app = harness.launch().await;
    app.wait("app-shell").await;
    app.open_event(id, &day).await;
    let page: Value = app
        .invoke("event_page", json!({ "id": id }))
        .await
        .expect("the event's page");
    let agenda = page["agenda"].as_array().unwrap().clone();
    assert!(!agenda.is_empty(), "the demo's meetup has an agenda");

    // ---- Print plan: the preview, with the agenda's clock times ------------------------------
    let heading = app.open_print_preview("event-panel-print").await;
    assert_eq!(heading, title);
    // Clock times from the start, written as the community's language writes them.
    let clock = |hhmm: &str| {
        if language == "ru" {
            return hhmm.to_string();
        }
        let (h, m) = hhmm.split_once(':').unwrap();
        let h: u32 = h.parse().unwrap();
        format!(
            "{}:{m} {}",
            if h.is_multiple_of(12) { 12 } else { h % 12 },
            if h < 12 { "AM" } else { "PM" }
        )
    };
    let clock_times: Vec<String> = agenda
        .iter()
        .map(|item| {
            format!(
                "{}–{}",
                clock(item["starts"].as_str().unwrap()),
                clock(item["ends"].as_str().unwrap())
            )
        })
        .collect();
    assert_eq!(texts(&app, ".agenda tbody td.time").await, clock_times);

    // ---- Each variant, looked at and saved as a PDF ------------------------------------------
    let (agenda_word, checkin_word) = if language == "ru" {
        ("Программа", "Регистрация")
    } else {
        ("Agenda", "Check-in")
    };
    for variant in ["full", "agenda", "checkin"] {
        if variant != "full" {
            app.show_variant(variant).await;
        }
        let headings = texts(&app, "h2").await;
        let has = |text: &str| headings.iter().any(|h| h == text);
        assert_eq!(
            (has(agenda_word), has(checkin_word)),
            (variant != "checkin", variant != "agenda"),
            "{variant}: {headings:?}"
        );
        app.screenshot(&format!("meetup-plan-{language}-{variant}"))
            .await;

        let pdf = saved_in.join(format!("meetup-{variant}.pdf"));
        let took = app.save_preview_as("preview-save-pdf", &pdf).await;
        eprintln!("[e2e] {language} {variant}: Save as PDF printed in {took:?} ms");
        let text = pdf_text(&pdf);
        assert!(text.contains(&title), "{variant}: the title in {text}");
        assert!(
            !text.contains(&heading_of_toolbar(language)),
            "{variant}: the preview's toolbar is not on paper"
        );
        if variant == "checkin" {
            assert!(text.contains(checkin_word), "{variant}: {text}");
        } else {
            for times in &clock_times {
                // pdftotext may set the dash apart from the times around it.
                let spaced = times.replace('–', " – ");
                assert!(
                    text.contains(times) || text.contains(&spaced),
                    "{variant}: the clock times {times} in {text}"
                );
            }
        }
        let (size, pages) = pdf_pages(&pdf);
        assert_eq!(size, (595, 842), "{variant}: A4");
        if variant == "agenda" {
            assert_eq!(pages, 1, "the wall agenda is one page");
        }
        assert_eq!(
            pdf_to_png(&pdf, &format!("meetup-pdf-{language}-{variant}")).len(),
            pages
        );
    }

    // ---- US Letter, and Save as HTML ---------------------------------------------------------
    app.select("preview-paper", "letter").await;
    app.eventually("the document on US Letter", || async {
        let html = app
            .exec(
                "return document.querySelector('style').textContent;",
                vec![],
            )
            .await;
        html.as_str()?.contains("size: letter").then_some(())
    })
    .await;
    let letter = saved_in.join("meetup-checkin-letter.pdf");
    app.save_preview_as("preview-save-pdf", &letter).await;
    assert_eq!(pdf_pages(&letter).0, (612, 792), "US Letter");
    pdf_to_png(&letter, &format!("meetup-pdf-{language}-checkin-letter"));

    let html_file = saved_in.join("meetup-checkin.html");
    app.save_preview_as("preview-save-html", &html_file).await;
    app.screenshot(&format!("meetup-plan-{language}-saved"))
        .await;
    let html = std::fs::read_to_string(&html_file).expect("the saved HTML");
    assert!(html.contains(&title) && html.contains("size: letter"));
    assert!(
        !html.contains("preview-print") && !html.contains("print.js"),
        "the saved HTML is the document, without the preview's toolbar or script"
    );
    app.shutdown().await;
}

/// A word of the preview's toolbar that the printed page must not hold.
fn heading_of_toolbar(language: &str) -> String {
    if language == "ru" {
        "Сохранить в PDF".into()
    } else {
        "Save as PDF".into()
    }
}

#[tokio::test]
async fn the_meetup_plan_on_paper_in_english() {
    meetup_plan_on_paper("meetup-plan-en", "C.UTF-8", "en").await;
}

#[tokio::test]
async fn the_meetup_plan_on_paper_in_russian() {
    meetup_plan_on_paper("meetup-plan-ru", "ru_RU.UTF-8", "ru").await;
}

//! Crash safety: the app is SIGKILLed in the middle of a storm of writes, three times.
//! Each time the database must pass `hearth check`, keep every write the app had confirmed,
//! and open again without the recovery screen.

use std::time::Duration;

use hearth_e2e::{any_string, json, App, Harness, Value};

/// Started in the page: a timer that fires writes without awaiting them (charter updates,
/// and now and then a community created from a template, which is a many-row transaction).
/// It records which writes the backend confirmed.
const STORM: &str = r#"
const [round, done] = arguments;
const invoke = window.__TAURI__.core.invoke;
(async () => {
  const list = await invoke('community_list');
  if (!list.length) throw new Error('no community to update');
  const c = await invoke('community_get', { id: list[0].id });
  const { id, uid, createdAt, updatedAt, ...charter } = c;
  const s = window.__hearthStorm = {
    id, sent: 0, acked: 0, created: [], errors: 0, lastError: null,
  };
  let n = 0;
  s.timer = setInterval(() => {
    for (let k = 0; k < 4; k++) {
      const i = ++n;
      s.sent = i;
      invoke('community_update', {
        id,
        charter: { ...charter, mission: `storm r${round} #${i}`, uniqueValue: 'u'.repeat(i % 400) },
      }).then(() => { s.acked++; }, (e) => { s.errors++; s.lastError = e; });
    }
    if (n % 16 === 0) {
      const name = `Storm ${round}.${n}`;
      invoke('community_create', { input: { name, locale: round % 2 ? 'ru' : 'en', timeZone: 'Europe/Moscow' } })
        .then(() => { s.created.push(name); }, (e) => { s.errors++; s.lastError = e; });
    }
  }, 1);
  done({ id, ok: true });
})().catch((e) => done({ ok: false, error: (e && (e.message || JSON.stringify(e))) || String(e) }));
"#;

/// Read just before the kill: what the backend had confirmed by then (a lower bound).
const CONFIRMED: &str = r#"
const s = window.__hearthStorm;
return { sent: s.sent, acked: s.acked, created: s.created.slice(), errors: s.errors, lastError: s.lastError };
"#;

/// The app is up on its own data: no recovery banner, and none pending in `app_status`.
async fn assert_opened_without_recovery(app: &App, when: &str) {
    app.wait("app-shell").await;
    assert!(!app.visible("recovery").await, "{when}: no recovery banner");
    let status = app
        .invoke("app_status", json!({}))
        .await
        .expect("app_status");
    assert_eq!(
        status["recovery"],
        Value::Null,
        "{when}: app_status: {status:#}"
    );
}

#[tokio::test]
async fn kill_during_writes_leaves_a_sound_database() {
    let harness = Harness::new("crash-safety");
    // The community comes from the headless CLI, before any window exists.
    harness.cli(&["demo"]).assert_success();
    let report = harness.check();
    assert_eq!(
        report["ok"], true,
        "hearth check after `hearth demo`: {report:#}"
    );

    let mut app = harness.launch().await;
    for round in 1..=3u32 {
        assert_opened_without_recovery(&app, &format!("round {round}, at start")).await;
        app.screenshot(&format!("crash-safety-round{round}-before"))
            .await;

        let started = app
            .client()
            .execute_async(STORM, vec![json!(round)])
            .await
            .expect("start the write storm");
        assert_eq!(
            started["ok"], true,
            "round {round}: the storm did not start: {started}"
        );
        let id = started["id"].clone();

        tokio::time::sleep(Duration::from_millis(300)).await;
        let confirmed = app.exec(CONFIRMED, vec![]).await;
        let n = app.kill_app().await;
        assert!(n > 0, "round {round}: no app process to kill");
        eprintln!("[e2e] round {round}: killed mid-storm; confirmed by then: {confirmed}");
        let acked = confirmed["acked"].as_u64().unwrap_or(0);
        assert!(
            acked > 0,
            "round {round}: no write confirmed in 300 ms (is the backend writing?): {confirmed}"
        );

        // The file is consistent, with no app running.
        let report = app.check();
        assert_eq!(
            report["ok"], true,
            "round {round}: hearth check after SIGKILL: {report:#}"
        );

        // Every community whose creation was confirmed is there.
        let list = app.cli(&["community", "list", "--json"]);
        list.assert_success();
        let list = list.json();
        for name in confirmed["created"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            assert!(
                any_string(&list, &|s| s == name),
                "round {round}: confirmed community {name:?} is missing after the kill"
            );
        }

        // The app opens again on its own data, with no recovery, and the charter holds one of
        // this round's writes (some were confirmed, so the last one to commit is from the storm).
        app.start_app().await;
        assert_opened_without_recovery(&app, &format!("round {round}, after the kill")).await;
        let community = app
            .invoke("community_get", json!({ "id": id }))
            .await
            .expect("community_get");
        let mission = community["mission"].as_str().unwrap_or_default();
        assert!(
            mission.starts_with(&format!("storm r{round} #")),
            "round {round}: the charter's mission is {mission:?}, not one of this round's confirmed writes"
        );
        app.screenshot(&format!("crash-safety-round{round}-after"))
            .await;
    }
    app.stop_app().await;
    let report = app.check();
    assert_eq!(report["ok"], true, "hearth check at the end: {report:#}");
}

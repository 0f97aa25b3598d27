//! Acting on the page like a person: clicks, typing, selects, checkboxes, key chords and
//! pointer drags, each checked where the page can say whether it took.

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::Locator;
use serde_json::json;

use crate::driver::guard;
use crate::waits::POLL;
use crate::App;

impl App {
    /// Click like a person. Falls back to a DOM click (with a note on stderr) only when
    /// WebDriver refuses because the element is covered or not interactable (e.g. a styled
    /// checkbox hidden behind its label).
    ///
    /// A button drawn again between being found and being clicked (a panel filling in with
    /// its data) is found again and clicked, as a person clicks the button they see.
    pub async fn click(&self, id: &str) {
        for _ in 0..3 {
            let el = self.wait(id).await;
            self.wait_still(&el).await;
            match guard("click", el.click()).await {
                Err(CmdError::Standard(w))
                    if w.error == ErrorStatus::StaleElementReference
                        || w.error == ErrorStatus::NoSuchElement =>
                {
                    eprintln!("[e2e] {id} was drawn again before the click; finding it again");
                    tokio::time::sleep(POLL).await;
                }
                Ok(()) => return,
                Err(_) => return self.click_element(&el, id).await,
            }
        }
        let el = self.wait(id).await;
        self.click_element(&el, id).await;
    }

    /// Brings `el` well inside the window when it is at its edge, and waits (up to about half
    /// a second) until it is in the same place on two frames running. WebDriver finds where
    /// to click and then clicks there: a button cut by the window's edge, or moved by a panel
    /// above filling in between the two, takes the click beside it, and nothing happens.
    async fn wait_still(&self, el: &Element) {
        let settled = self.client().execute_async(
            "const [el, done] = arguments;
             const first = el.getBoundingClientRect();
             if (first.top < 8 || first.bottom > window.innerHeight - 8) {
               el.scrollIntoView({ block: 'center', inline: 'nearest' });
             }
             let last = '', frames = 0;
             const look = () => {
               const r = el.getBoundingClientRect();
               const now = [r.x, r.y, r.width, r.height].join();
               if (now === last || ++frames > 30) return done(now === last);
               last = now;
               requestAnimationFrame(look);
             };
             look();",
            vec![serde_json::to_value(el).unwrap()],
        );
        // A stale element is found again by the caller's click; nothing to settle here.
        let _ = tokio::time::timeout(Duration::from_secs(5), settled).await;
    }

    pub async fn click_element(&self, el: &Element, what: &str) {
        self.wait_still(el).await;
        match guard("click", el.click()).await {
            Ok(()) => {}
            Err(CmdError::Standard(w))
                if w.error == ErrorStatus::ElementNotInteractable
                    || w.error == ErrorStatus::ElementClickIntercepted =>
            {
                eprintln!(
                    "[e2e] WebDriver could not click {what} ({}); clicking through the DOM",
                    w.error
                );
                guard(
                    "DOM click",
                    self.client().execute(
                        "arguments[0].click();",
                        vec![serde_json::to_value(el).unwrap()],
                    ),
                )
                .await
                .unwrap_or_else(|e| panic!("DOM click on {what}: {e}"));
            }
            Err(e) => panic!("click on {what}: {e}"),
        }
    }

    /// Clear the field and type `text` with key events; checks the field then holds `text`.
    pub async fn type_text(&self, id: &str, text: &str) {
        let el = self.wait(id).await;
        guard("clear", el.clear())
            .await
            .unwrap_or_else(|e| panic!("clear {id}: {e}"));
        if !text.is_empty() {
            guard("send keys", el.send_keys(text))
                .await
                .unwrap_or_else(|e| panic!("type into {id}: {e}"));
        }
        let value = guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert_eq!(
            value, text,
            "after typing, [data-testid=\"{id}\"] holds {value:?}, not {text:?}"
        );
    }

    /// Clear a field (fires the input's change like a person deleting its text).
    pub async fn clear(&self, id: &str) {
        let el = self.wait(id).await;
        guard("clear", el.clear())
            .await
            .unwrap_or_else(|e| panic!("clear {id}: {e}"));
        let value = guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(
            value.is_empty(),
            "[data-testid=\"{id}\"] still holds {value:?} after clearing"
        );
    }

    /// Choose the `<option value=…>` of a `<select>`; checks the select then has that value.
    /// The view may re-render on change (a language switch redraws everything), so the
    /// select is looked up afresh after the click.
    pub async fn select(&self, id: &str, value: &str) {
        let el = self.wait(id).await;
        let css = format!("option[value=\"{value}\"]");
        let option = guard("find option", el.find(Locator::Css(&css)))
            .await
            .unwrap_or_else(|e| {
                panic!("[data-testid=\"{id}\"] has no option with value {value:?}: {e}")
            });
        let _ = guard("click option", option.click()).await;
        if self.select_value_soon(id, value).await {
            return;
        }
        eprintln!("[e2e] clicking the option did not select {value:?} in {id}; setting it through the DOM");
        let el = self.wait(id).await;
        let script = "const s = arguments[0]; s.value = arguments[1];\
                      s.dispatchEvent(new Event('input', {bubbles: true}));\
                      s.dispatchEvent(new Event('change', {bubbles: true}));";
        guard(
            "set select value",
            self.client().execute(
                script,
                vec![serde_json::to_value(&el).unwrap(), json!(value)],
            ),
        )
        .await
        .unwrap_or_else(|e| panic!("select {value:?} in {id}: {e}"));
        assert!(
            self.select_value_soon(id, value).await,
            "[data-testid=\"{id}\"] does not hold {value:?} after selecting it"
        );
    }

    /// Click the `<option value=…>` of a `<select>` when choosing it leads elsewhere (e.g.
    /// "New community…"), so the select's value afterwards means nothing.
    pub async fn pick_option(&self, id: &str, value: &str) {
        let el = self.wait(id).await;
        let css = format!("option[value=\"{value}\"]");
        let option = el.find(Locator::Css(&css)).await.unwrap_or_else(|e| {
            panic!("[data-testid=\"{id}\"] has no option with value {value:?}: {e}")
        });
        guard("click option", option.click())
            .await
            .unwrap_or_else(|e| panic!("click option {value:?} of [data-testid=\"{id}\"]: {e}"));
    }

    /// Does the (possibly re-rendered) element hold this value within 2 s?
    async fn select_value_soon(&self, id: &str, value: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            if let Some(el) = self.find_opt(id).await {
                if guard("read value", el.prop("value"))
                    .await
                    .ok()
                    .flatten()
                    .as_deref()
                    == Some(value)
                {
                    return true;
                }
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Sets a date field to `day` ("2027-03-01") as a person's date picker does, telling the
    /// page it changed: WebKitGTK takes no typed digits in a date field.
    pub async fn set_date(&self, id: &str, day: &str) {
        self.wait(id).await;
        self.exec(
            "const input = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
             input.value = arguments[1];
             input.dispatchEvent(new Event('input', { bubbles: true }));
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(id), json!(day)],
        )
        .await;
        assert_eq!(
            self.value(id).await,
            day,
            "[data-testid=\"{id}\"] holds the day"
        );
    }

    /// Tick or untick a checkbox.
    pub async fn set_checked(&self, id: &str, on: bool) {
        if self.checked(id).await != on {
            self.click(id).await;
        }
        let now = self.checked(id).await;
        assert_eq!(
            now, on,
            "[data-testid=\"{id}\"] checked state after clicking"
        );
    }

    /// Press a key chord on the focused element of the page, e.g. `press(&[Key::Control], "s")`
    /// for Ctrl+S (the modifiers are released afterwards).
    pub async fn press(&self, id: &str, modifiers: &[fantoccini::key::Key], key: &str) {
        let el = self.wait(id).await;
        let mut chord = String::new();
        for m in modifiers {
            chord.push(char::from(*m));
        }
        chord.push_str(key);
        chord.push(char::from(fantoccini::key::Key::Null));
        guard("send keys", el.send_keys(&chord))
            .await
            .unwrap_or_else(|e| panic!("press {chord:?} in [data-testid=\"{id}\"]: {e}"));
    }

    /// Press a key chord wherever the keyboard focus is, as a person would: the modifiers go
    /// down, the key is pressed and released, the modifiers come up, e.g.
    /// `keys(&[Key::Control], 'z')` or `keys(&[], Key::Enter)`. Unlike [`App::press`], nothing
    /// is typed after the chord (`send_keys` ends it with WebDriver's "release" character,
    /// which lands as text in a field the key itself has just focused).
    pub async fn keys(&self, modifiers: &[fantoccini::key::Key], key: impl Into<char>) {
        let (chord, actions) = chord_actions(modifiers, key.into());
        guard("keys", self.client().perform_actions(actions))
            .await
            .unwrap_or_else(|e| panic!("press {chord:?}: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// Picks a member in a member field as a person does: types part of the name, waits for
    /// the member in the list, and takes the first one offered from the keyboard.
    pub async fn pick_member(&self, field: &str, typed: &str, name: &str) {
        use fantoccini::key::Key;
        self.clear(field).await;
        self.type_text(field, typed).await;
        self.wait_text(
            &format!("{field}-option"),
            &format!("{typed:?} to find {name}"),
            |t| t.contains(name),
        )
        .await;
        self.keys(&[], Key::Down).await;
        self.keys(&[], Key::Enter).await;
        assert_eq!(self.value(field).await, name, "{name} picked");
    }

    /// A person's drag with the mouse: press on `from`, move a little (past any drag
    /// threshold), then in several steps to (`dx`, `dy`) from the centre of `to`, pause, and
    /// release. Each step is its own pointermove, as widgets that track the pointer expect.
    pub async fn drag_to(&self, from: &Element, to: &Element, dx: f64, dy: f64) {
        use fantoccini::actions::{InputSource, PointerAction, MOUSE_BUTTON_LEFT};
        let (mouse, _) = drag_moves(from, to, dx, dy);
        let mouse = mouse
            .then(PointerAction::Pause {
                duration: Duration::from_millis(100),
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        guard("drag", self.client().perform_actions(mouse))
            .await
            .unwrap_or_else(|e| panic!("drag: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// [`App::drag_to`], pressing at (`fx`, `fy`) off the centre of `from` rather than at
    /// its centre: a drag that starts at one spot of a wide element (an hour of one day in a
    /// week's row of hours).
    pub async fn drag_from_to(
        &self,
        from: &Element,
        fx: f64,
        fy: f64,
        to: &Element,
        dx: f64,
        dy: f64,
    ) {
        use fantoccini::actions::{InputSource, PointerAction, MOUSE_BUTTON_LEFT};
        let (mouse, _) = drag_moves_from(from, fx, fy, to, dx, dy);
        let mouse = mouse
            .then(PointerAction::Pause {
                duration: Duration::from_millis(100),
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        guard("drag", self.client().perform_actions(mouse))
            .await
            .unwrap_or_else(|e| panic!("drag: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }

    /// Drag `from` over `to` as [`App::drag_to`] does, press `key` while the button is still
    /// held (Escape, to cancel), then release the button.
    pub async fn drag_and_press(&self, from: &Element, to: &Element, key: impl Into<char>) {
        use fantoccini::actions::{
            Actions, InputSource, KeyAction, KeyActions, PointerAction, MOUSE_BUTTON_LEFT,
        };
        let (mouse, ticks) = drag_moves(from, to, 0.0, 0.0);
        let hold = PointerAction::Pause {
            duration: Duration::from_millis(60),
        };
        let mouse =
            mouse
                .then(hold.clone())
                .then(hold.clone())
                .then(hold)
                .then(PointerAction::Up {
                    button: MOUSE_BUTTON_LEFT,
                });
        // Actions run tick by tick across sources: the key waits out the moves, then goes
        // down and up while the button is held.
        let key = key.into();
        let mut keyboard = KeyActions::new("keyboard".into());
        for _ in 0..=ticks {
            keyboard = keyboard.then(KeyAction::Pause {
                duration: Duration::ZERO,
            });
        }
        let keyboard = keyboard
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        guard(
            "drag and press",
            self.client()
                .perform_actions(Actions::from(keyboard).and(mouse)),
        )
        .await
        .unwrap_or_else(|e| panic!("drag and press {key:?}: {e}"));
        let _ = guard("release actions", self.client().release_actions()).await;
    }
}

/// The press and moves of a pointer drag from `from` to (`dx`, `dy`) off the centre of `to`,
/// without the release; and how many ticks they take.
fn drag_moves(
    from: &Element,
    to: &Element,
    dx: f64,
    dy: f64,
) -> (fantoccini::actions::MouseActions, usize) {
    drag_moves_from(from, 0.0, 0.0, to, dx, dy)
}

/// [`drag_moves`], pressing at (`fx`, `fy`) off the centre of `from`.
fn drag_moves_from(
    from: &Element,
    fx: f64,
    fy: f64,
    to: &Element,
    dx: f64,
    dy: f64,
) -> (fantoccini::actions::MouseActions, usize) {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
    const STEPS: u32 = 6;
    let step = Some(Duration::from_millis(30));
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: from.clone(),
            duration: None,
            x: fx,
            y: fy,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for _ in 0..2 {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: step,
            x: 4.0,
            y: 6.0,
        });
    }
    for i in 1..=STEPS {
        let f = f64::from(i) / f64::from(STEPS);
        mouse = mouse.then(PointerAction::MoveToElement {
            element: to.clone(),
            duration: step,
            x: dx * f,
            y: dy * f,
        });
    }
    (mouse, 4 + STEPS as usize)
}

/// The key actions of a chord: the modifiers go down, the key is pressed and released, the
/// modifiers come up.
pub(crate) fn chord_actions(
    modifiers: &[fantoccini::key::Key],
    key: char,
) -> (Vec<char>, fantoccini::actions::KeyActions) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let chord: Vec<char> = modifiers
        .iter()
        .map(|m| char::from(*m))
        .chain([key])
        .collect();
    let mut actions = KeyActions::new("keyboard".into());
    for &value in &chord {
        actions = actions.then(KeyAction::Down { value });
    }
    for &value in chord.iter().rev() {
        actions = actions.then(KeyAction::Up { value });
    }
    (chord, actions)
}

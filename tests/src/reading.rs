//! Reading the page (text, values, checked state, `<html lang>`) and running scripts and Tauri
//! commands in it.

use serde_json::{json, Value};

use crate::driver::guard;
use crate::App;

impl App {
    /// Visible text of the element (waits for it to be visible).
    pub async fn text(&self, id: &str) -> String {
        let el = self.wait(id).await;
        self.element_text(&el)
            .await
            .unwrap_or_else(|| panic!("could not read the text of [data-testid=\"{id}\"]"))
    }

    /// The `value` property of an input, textarea or select (waits for it to be visible).
    pub async fn value(&self, id: &str) -> String {
        let el = self.wait(id).await;
        guard("read value", el.prop("value"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The label of the chosen option of a `<select>` (its `innerText` is empty in WebKit).
    pub async fn selected_label(&self, id: &str) -> String {
        let el = self.wait(id).await;
        let script =
            "const s = arguments[0]; const o = s.options[s.selectedIndex]; return o ? o.text : '';";
        guard(
            "read selected option",
            self.client()
                .execute(script, vec![serde_json::to_value(&el).unwrap()]),
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// Whether a checkbox or radio is checked (waits for it to be present, not visible:
    /// styled inputs are often hidden behind their labels).
    pub async fn checked(&self, id: &str) -> bool {
        let this = self;
        let el = self
            .eventually(
                &format!("[data-testid=\"{id}\"] to exist"),
                move || async move { this.find_opt(id).await },
            )
            .await;
        guard("read checked", el.prop("checked"))
            .await
            .ok()
            .flatten()
            .as_deref()
            == Some("true")
    }

    /// `<html lang>`.
    pub async fn html_lang(&self) -> String {
        self.exec("return document.documentElement.lang || '';", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Wait until `<html lang>` is `lang`.
    pub async fn wait_html_lang(&self, lang: &str) {
        let this = self;
        self.eventually(&format!("<html lang=\"{lang}\">"), move || async move {
            (this.html_lang().await == lang).then_some(())
        })
        .await
    }

    /// Run a script in the page (`return` gives the result).
    pub async fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        guard("execute script", self.client().execute(script, args))
            .await
            .unwrap_or_else(|e| panic!("execute script failed: {e}\n{script}"))
    }

    /// Call a Tauri command from the page, as `ui/js/api.js` would:
    /// `Ok(result)` or `Err(error object)`.
    pub async fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let script = r#"
            const [cmd, args, done] = arguments;
            window.__TAURI__.core.invoke(cmd, args).then(
                (value) => done({ ok: value === undefined ? null : value }),
                (error) => done({ err: error === undefined ? null : error }));
        "#;
        let out = guard(
            &format!("invoke {cmd}"),
            self.client().execute_async(script, vec![json!(cmd), args]),
        )
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"));
        match out.get("ok") {
            Some(v) => Ok(v.clone()),
            None => Err(out.get("err").cloned().unwrap_or(Value::Null)),
        }
    }
}

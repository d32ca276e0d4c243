//! The JavaScript boundary shared by the widget's exports (`src/web.rs`) and the authoring page's
//! (`src/authoring.rs`): Rust values to JavaScript values and back, and every failure as a real
//! JavaScript `Error` carrying a stable [`Code`] and both languages' messages.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::diag::{Code, Diagnostic};
use crate::model::Locale;

/// A Rust value as a plain JavaScript value, by serde-wasm-bindgen's JSON-compatible serializer
/// (directly, not through JSON text): maps become plain objects and `None` becomes `null`, as
/// `JSON.parse` would give them; an `f32` is widened to the nearest `f64` (`0.1f32` reads
/// `0.10000000149011612`). `null` when the value cannot be converted.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A JavaScript value as JSON text, by the browser's own `JSON.stringify`. Not
/// serde-wasm-bindgen: it recurses once per nesting level on the wasm stack, so a deeply nested
/// object (a few thousand levels) overflowed the shadow stack and trapped the whole module, every
/// widget on the page with it. JSON text then meets the reader's nesting limit (128, src/json/)
/// like any string, and the file-size cap. `None` for a cycle, extreme depth (`RangeError`) or a value
/// with no JSON form.
pub(crate) fn json_text(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// Sets property `key` of the JavaScript object `target` (ignoring a frozen object's refusal).
pub(crate) fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &key.into(), &value.into());
}

/// A JavaScript `Error` whose message is `zh` or `en` as `locale` says, with `code`, `messageZh`,
/// `messageEn` and, when given, `path`.
pub(crate) fn error(code: Code, zh: &str, en: &str, locale: Locale, path: Option<&str>) -> JsValue {
    let message = match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    };
    let e: JsValue = js_sys::Error::new(message).into();
    set(&e, "code", code.as_str());
    if let Some(path) = path {
        set(&e, "path", path);
    }
    set(&e, "messageZh", zh);
    set(&e, "messageEn", en);
    e
}

/// The `Error` for diagnostic `d` of a file that cannot be used: its code, path, `line` and
/// `column` (when known), and every diagnostic of the file as `diagnostics`.
pub(crate) fn diagnostic_error(d: &Diagnostic, all: &[Diagnostic], locale: Locale) -> JsValue {
    let e = error(d.code, &d.message_zh, &d.message_en, locale, Some(&d.path));
    if let (Some(l), Some(c)) = (d.line, d.column) {
        set(&e, "line", l as f64);
        set(&e, "column", c as f64);
    }
    set(&e, "diagnostics", to_js(all));
    e
}

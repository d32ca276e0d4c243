//! Characters that change how text displays without being seen: bidirectional controls (a
//! U+202E makes `abc` read `cba`) and zero-width characters. A plan's strings may carry them,
//! pasted from Word or planted; the validator warns (`text.hidden`) and the model keeps the text
//! without them, so that what is drawn and read aloud is what the letters say. The JSON file
//! itself is never rewritten.

use std::borrow::Cow;

use crate::diag::{Code, Diagnostic};

/// True for the characters removed: the bidi embeddings, overrides and isolates
/// (U+202A–202E, U+2066–2069), the marks U+200E, U+200F and U+061C, and the zero-width
/// characters U+200B–200D, U+2060 and U+FEFF.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// The text without its hidden characters (borrowed when it has none).
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_hidden) {
        Cow::Owned(text.chars().filter(|c| !is_hidden(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A character's name for a diagnostic: `U+202E（从右到左覆盖）` / `U+202E (right-to-left
/// override)`.
pub fn name(c: char) -> (String, String) {
    let (zh, en) = match c {
        '\u{202A}' => ("从左到右嵌入", "left-to-right embedding"),
        '\u{202B}' => ("从右到左嵌入", "right-to-left embedding"),
        '\u{202C}' => ("方向格式结束", "pop directional formatting"),
        '\u{202D}' => ("从左到右覆盖", "left-to-right override"),
        '\u{202E}' => ("从右到左覆盖", "right-to-left override"),
        '\u{2066}' => ("从左到右隔离", "left-to-right isolate"),
        '\u{2067}' => ("从右到左隔离", "right-to-left isolate"),
        '\u{2068}' => ("首强隔离", "first strong isolate"),
        '\u{2069}' => ("方向隔离结束", "pop directional isolate"),
        '\u{200E}' => ("从左到右标记", "left-to-right mark"),
        '\u{200F}' => ("从右到左标记", "right-to-left mark"),
        '\u{061C}' => ("阿拉伯字母标记", "Arabic letter mark"),
        '\u{200B}' => ("零宽空格", "zero-width space"),
        '\u{200C}' => ("零宽不连字", "zero-width non-joiner"),
        '\u{200D}' => ("零宽连字", "zero-width joiner"),
        '\u{2060}' => ("词连接符", "word joiner"),
        '\u{FEFF}' => ("零宽不换行空格", "zero-width no-break space"),
        _ => ("不可见字符", "invisible character"),
    };
    let code = format!("U+{:04X}", c as u32);
    (format!("{code}（{zh}）"), format!("{code} ({en})"))
}

/// The distinct hidden characters of a text, in order of first appearance, and how many there
/// are in all.
pub fn found(text: &str) -> (Vec<char>, usize) {
    let mut kinds = Vec::new();
    let mut n = 0;
    for c in text.chars().filter(|c| is_hidden(*c)) {
        n += 1;
        if !kinds.contains(&c) {
            kinds.push(c);
        }
    }
    (kinds, n)
}

/// The `text.hidden` warning for a string at `path`, or `None` when it has no hidden character.
pub fn warning(text: &str, path: impl FnOnce() -> String) -> Option<Diagnostic> {
    let (kinds, n) = found(text);
    if n == 0 {
        return None;
    }
    let (zh, en): (Vec<String>, Vec<String>) = kinds.into_iter().map(name).unzip();
    Some(Diagnostic::new(
        Code::HiddenText,
        path(),
        format!(
            "文字中有 {n} 个不可见字符：{}。它们会改变文字的显示方式（例如让名称倒序显示），显示和朗读时已去除；请在源文件中删去",
            zh.join("、")
        ),
        format!(
            "the text holds {n} invisible character{}: {}. They change how the text displays (a name can read backwards), so they are left out of what is drawn and read aloud; remove them from the file",
            if n == 1 { "" } else { "s" },
            en.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_listed_character_and_nothing_else() {
        let listed = [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
            0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,
        ];
        for u in listed {
            let c = char::from_u32(u).unwrap();
            assert!(is_hidden(c), "{u:X}");
            assert_eq!(strip(&format!("公办{c}园")), "公办园");
        }
        // Neighbours, CJK punctuation and ordinary spaces stay.
        for c in [
            '\u{2029}', '\u{2070}', '\u{2065}', '\u{201C}', '　', ' ', '中', '\u{FEFE}',
        ] {
            assert!(!is_hidden(c), "{c:?}");
        }
        assert!(matches!(strip("没有隐藏字符"), Cow::Borrowed(_)));
        assert_eq!(
            found("a\u{202E}b\u{200B}c\u{202E}"),
            (vec!['\u{202E}', '\u{200B}'], 3)
        );
        assert!(name('\u{202E}').0.starts_with("U+202E（"));
        assert!(name('\u{61C}').1.starts_with("U+061C ("));
    }
}

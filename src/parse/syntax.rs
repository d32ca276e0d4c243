//! JSON syntax errors: located by character, explained in Chinese.

use super::*;

/// A syntax error with a character-based column and a Chinese explanation.
pub(super) fn syntax_diagnostic(text: &str, e: &crate::json::Error) -> Diagnostic {
    let (line, byte_col) = (e.line, e.column);
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..).unwrap_or("");
    let mut end = byte_col.min(line_text.len());
    while end > 0 && !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let column = line_text[..end].chars().count().max(1);
    let en = e.code.message();
    let zh = syntax_zh(en);
    let mut d = Diagnostic::new(
        Code::Syntax,
        "",
        format!("JSON 语法错误（第 {line} 行第 {column} 列）：{zh}"),
        format!("JSON syntax error at line {line}, column {column}: {en}"),
    );
    d.line = Some(line.max(1));
    d.column = Some(column);
    d
}

pub(super) fn syntax_zh(en: &str) -> &'static str {
    const TABLE: [(&str, &str); 16] = [
        (
            "EOF while parsing",
            "文件在此处意外结束，可能被截断，或缺少 }、] 或引号",
        ),
        ("trailing comma", "多余的逗号：最后一项之后不能有逗号"),
        ("expected `,` or `}`", "此处应为逗号或 }"),
        ("expected `,` or `]`", "此处应为逗号或 ]"),
        ("expected `:`", "此处应为冒号"),
        (
            "expected value",
            "此处应为一个值（字符串、数字、对象、数组、true、false 或 null）",
        ),
        ("expected ident", "无法识别的词：true、false、null 须小写"),
        ("key must be a string", "键名必须是带双引号的字符串"),
        (
            "control character",
            "字符串中有未转义的控制字符（如直接换行），请改用 \\n",
        ),
        ("invalid escape", "无效的转义序列"),
        ("invalid unicode", "无效的 Unicode 转义"),
        ("surrogate", "无效的 Unicode 代理对"),
        ("trailing characters", "JSON 结束之后还有多余内容"),
        ("recursion limit", "嵌套层数过深"),
        ("number out of range", "数字超出范围"),
        ("invalid number", "无效的数字"),
    ];
    TABLE
        .iter()
        .find(|(k, _)| en.contains(k))
        .map(|(_, v)| *v)
        .unwrap_or("无法解析")
}

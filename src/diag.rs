//! Located, bilingual diagnostics with stable codes.

use std::fmt;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The file, or the indicator it is in, cannot be used as written.
    Error,
    /// Usable, but probably not what the author meant.
    Warning,
}

/// Stable machine-readable codes. Their strings (see [`Code::as_str`]) never change meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Code {
    /// The text is not JSON.
    Syntax,
    /// The top level is not an object.
    TopLevel,
    /// `schemaVersion` is missing or not 1.
    SchemaVersion,
    /// A required field is absent.
    MissingField,
    /// A field the format does not define.
    UnknownField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A string that must not be empty is.
    EmptyString,
    /// An id with characters outside `A-Z a-z 0-9 - _ .` or too long.
    BadId,
    /// Two sections or two indicators share an id.
    DuplicateId,
    /// An indicator names a section that does not exist.
    UnknownSection,
    /// `kind` is not one of the nine kinds.
    UnknownKind,
    /// A string outside its field's list of allowed values.
    UnknownValue,
    /// A period string of none of the six forms.
    BadPeriod,
    /// A date that is not `YYYY-MM-DD`.
    BadDate,
    /// The plan's start ends after its end.
    PlanSpan,
    /// A field the indicator's kind does not use.
    NotForKind,
    /// A field the indicator's kind needs.
    NeededForKind,
    /// A target whose period ends before or with the baseline.
    TargetBeforeBaseline,
    /// Targets or actuals not in period order, or two for the same period.
    Order,
    /// Actuals whose periods overlap where amounts are added up.
    Overlap,
    /// A percentage outside 0–100.
    PercentRange,
    /// A target whose `min` exceeds its `max`.
    MinMax,
    /// A number outside what its field allows (negative amounts, zero growth base, …).
    ValueRange,
    /// The file is larger than the cap.
    LimitFileSize,
    /// Too many sections.
    LimitSections,
    /// Too many indicators.
    LimitIndicators,
    /// Too many targets in one indicator.
    LimitTargets,
    /// Too many actuals in one indicator.
    LimitActuals,
    /// Too many actuals in the file.
    LimitTotalActuals,
    /// A string longer than the cap.
    LimitStringLength,
    /// Too many leaders or units in one list.
    LimitNames,
    /// `source.url` is not `http:`/`https:`; it will be shown as text, not a link.
    UnsafeUrl,
    /// An object key given twice: a JSON reader keeps one and silently drops the other.
    DuplicateKey,
    /// A string with bidi controls or zero-width characters; they are left out of what is drawn.
    HiddenText,
    /// The file is not a spreadsheet or CSV that can be read.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetUnreadable,
    /// No sheet has a header row with id, period and value (or state) columns.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetNoHeader,
    /// A value cell that is not a number.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetNotNumber,
    /// A period cell in none of the six forms.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetPeriod,
    /// An id cell naming no indicator of the plan.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetUnknownId,
    /// A percentage over 100 (or below 0) in a sheet.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetPercent,
    /// A state cell that is not one of the four states.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetState,
    /// Two filled rows for the same indicator and period.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetDuplicate,
    /// A filled row without its id or period, or a note without a value or state.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetIncomplete,
    /// A state where the kind takes a value, or no state where it needs one.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    SheetKind,
}

impl Code {
    /// The codes of plan files.
    const FILE: [Code; 34] = [
        Code::Syntax,
        Code::TopLevel,
        Code::SchemaVersion,
        Code::MissingField,
        Code::UnknownField,
        Code::WrongType,
        Code::EmptyString,
        Code::BadId,
        Code::DuplicateId,
        Code::UnknownSection,
        Code::UnknownKind,
        Code::UnknownValue,
        Code::BadPeriod,
        Code::BadDate,
        Code::PlanSpan,
        Code::NotForKind,
        Code::NeededForKind,
        Code::TargetBeforeBaseline,
        Code::Order,
        Code::Overlap,
        Code::PercentRange,
        Code::MinMax,
        Code::ValueRange,
        Code::LimitFileSize,
        Code::LimitSections,
        Code::LimitIndicators,
        Code::LimitTargets,
        Code::LimitActuals,
        Code::LimitTotalActuals,
        Code::LimitStringLength,
        Code::LimitNames,
        Code::UnsafeUrl,
        Code::DuplicateKey,
        Code::HiddenText,
    ];

    /// The codes of fill-in spreadsheets (`src/sheet/`): only where spreadsheets are read, so
    /// the widget's own module does not carry them.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    const SHEET: [Code; 10] = [
        Code::SheetUnreadable,
        Code::SheetNoHeader,
        Code::SheetNotNumber,
        Code::SheetPeriod,
        Code::SheetUnknownId,
        Code::SheetPercent,
        Code::SheetState,
        Code::SheetDuplicate,
        Code::SheetIncomplete,
        Code::SheetKind,
    ];

    /// Every code, for `plan-widget check --codes` and the documentation.
    #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
    pub const ALL: [Code; 44] = concat(Code::FILE, Code::SHEET);

    /// Every code, for `plan-widget check --codes` and the documentation.
    #[cfg(all(target_arch = "wasm32", not(feature = "authoring")))]
    pub const ALL: [Code; 34] = Code::FILE;

    /// The stable string form, e.g. `field.missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::TopLevel => "topLevel",
            Code::SchemaVersion => "schemaVersion",
            Code::MissingField => "field.missing",
            Code::UnknownField => "field.unknown",
            Code::WrongType => "field.type",
            Code::EmptyString => "field.empty",
            Code::BadId => "id.invalid",
            Code::DuplicateId => "id.duplicate",
            Code::UnknownSection => "section.unknown",
            Code::UnknownKind => "kind.unknown",
            Code::UnknownValue => "value.unknown",
            Code::BadPeriod => "period.invalid",
            Code::BadDate => "date.invalid",
            Code::PlanSpan => "plan.span",
            Code::NotForKind => "kind.fieldNotAllowed",
            Code::NeededForKind => "kind.fieldRequired",
            Code::TargetBeforeBaseline => "target.beforeBaseline",
            Code::Order => "period.order",
            Code::Overlap => "period.overlap",
            Code::PercentRange => "value.percentRange",
            Code::MinMax => "target.minGreaterThanMax",
            Code::ValueRange => "value.range",
            Code::LimitFileSize => "limit.fileSize",
            Code::LimitSections => "limit.sections",
            Code::LimitIndicators => "limit.indicators",
            Code::LimitTargets => "limit.targets",
            Code::LimitActuals => "limit.actuals",
            Code::LimitTotalActuals => "limit.totalActuals",
            Code::LimitStringLength => "limit.stringLength",
            Code::LimitNames => "limit.names",
            Code::UnsafeUrl => "url.notHttp",
            Code::DuplicateKey => "key.duplicate",
            Code::HiddenText => "text.hidden",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetUnreadable => "sheet.unreadable",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetNoHeader => "sheet.noHeader",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetNotNumber => "sheet.notNumber",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetPeriod => "sheet.period",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetUnknownId => "sheet.unknownId",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetPercent => "sheet.percentRange",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetState => "sheet.state",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetDuplicate => "sheet.duplicateRow",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetIncomplete => "sheet.incomplete",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetKind => "sheet.kindMismatch",
        }
    }

    /// What the code means, in English (for `--codes`).
    pub fn summary(self) -> &'static str {
        match self {
            Code::Syntax => "the text is not valid JSON",
            Code::TopLevel => "the top level is not a JSON object",
            Code::SchemaVersion => "schemaVersion is missing or not 1",
            Code::MissingField => "a required field is missing",
            Code::UnknownField => "a field the format does not define",
            Code::WrongType => "a value of the wrong JSON type",
            Code::EmptyString => "a string that must not be empty",
            Code::BadId => "an id must be 1-64 ASCII letters, digits, '-', '_' or '.'",
            Code::DuplicateId => "two sections or two indicators share an id",
            Code::UnknownSection => "an indicator names a section the file does not have",
            Code::UnknownKind => "kind is not one of the nine kinds",
            Code::UnknownValue => "a value outside the field's allowed list",
            Code::BadPeriod => "a period in none of the six documented forms",
            Code::BadDate => "a date that is not YYYY-MM-DD",
            Code::PlanSpan => "plan.start ends after plan.end",
            Code::NotForKind => "a field this indicator's kind does not use",
            Code::NeededForKind => "a field this indicator's kind needs",
            Code::TargetBeforeBaseline => "a target due no later than the baseline",
            Code::Order => "targets or actuals out of period order, or repeated",
            Code::Overlap => "actuals whose periods overlap where amounts are added up",
            Code::PercentRange => "a percentage outside 0-100",
            Code::MinMax => "a target's min is greater than its max",
            Code::ValueRange => "a number outside what the field allows",
            Code::LimitFileSize => "the file is larger than 20 MiB",
            Code::LimitSections => "more than 1,000 sections",
            Code::LimitIndicators => "more than 10,000 indicators",
            Code::LimitTargets => "more than 100 targets in one indicator",
            Code::LimitActuals => "more than 200,000 actuals in one indicator",
            Code::LimitTotalActuals => "more than 1,000,000 actuals in the file",
            Code::LimitStringLength => "a string longer than 2,000 characters",
            Code::LimitNames => "more than 50 leaders or units in one list",
            Code::UnsafeUrl => "source.url is not http: or https: and is shown as text only",
            Code::DuplicateKey => {
                "an object key given twice (one of the two would be silently dropped)"
            }
            Code::HiddenText => {
                "a string with bidi controls or zero-width characters (left out of what is drawn)"
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetUnreadable => "the file is not a readable xlsx/xls/ods workbook or CSV text",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetNoHeader => {
                "no sheet has a header row naming the id, period and value or state columns"
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetNotNumber => "a value cell that is not a number",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetPeriod => "a period cell in none of the six period forms",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetUnknownId => "an id cell that names no indicator of the plan",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetPercent => "a percentage in the sheet outside 0-100",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetState => "a state cell that is not notStarted, inProgress, done or blocked",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetDuplicate => "two filled rows for the same indicator and period",
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetIncomplete => {
                "a filled row without id or period, or a note without value or state"
            }
            #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
            Code::SheetKind => {
                "a state where the indicator's kind takes a value, or a missing state"
            }
        }
    }

    /// The default severity of the code.
    pub fn severity(self) -> Severity {
        match self {
            Code::UnsafeUrl | Code::HiddenText => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// `a` then `b`, in a constant.
#[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))]
const fn concat<const A: usize, const B: usize, const C: usize>(
    a: [Code; A],
    b: [Code; B],
) -> [Code; C] {
    let mut out = [Code::Syntax; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a plan file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    #[serde(serialize_with = "code_str")]
    pub code: Code,
    /// JSON path of the offending value, e.g. `indicators[3].targets[0].value`; for a
    /// spreadsheet (`src/sheet/`) the cell, e.g. `填报表!H7`; empty for the whole file.
    pub path: String,
    /// 1-based line of the offending value (or of the syntax error); a spreadsheet's row.
    pub line: Option<usize>,
    /// 1-based column, counted in characters; a spreadsheet's column (A is 1).
    pub column: Option<usize>,
    /// Message in Chinese.
    pub message_zh: String,
    /// Message in English.
    pub message_en: String,
}

fn code_str<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no location yet.
    pub fn new(
        code: Code,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            path: path.into(),
            line: None,
            column: None,
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// True for errors (not warnings).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COL: error[code] path: message` in one language, as `check` prints it.
    pub fn render(&self, file: &str, english: bool) -> String {
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_string(),
        };
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        };
        let msg = if english {
            &self.message_en
        } else {
            &self.message_zh
        };
        format!("{place}: {sev}[{}] {path}: {msg}", self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_listed() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert!(!c.summary().is_empty());
        }
    }

    #[test]
    fn render_has_place_code_path_and_message() {
        let mut d = Diagnostic::new(
            Code::MissingField,
            "plan.title",
            "缺少字段",
            "missing field",
        );
        d.line = Some(3);
        d.column = Some(5);
        assert_eq!(
            d.render("a.json", true),
            "a.json:3:5: error[field.missing] plan.title: missing field"
        );
        assert!(d.render("a.json", false).ends_with("缺少字段"));
    }
}

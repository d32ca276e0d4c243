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

/// Generates [`Code`], [`Origin`] and the tables of [`Code`]'s methods from one list: per origin
/// a `cfg` saying where its codes exist, then per code its variant, stable string, severity and
/// English and Chinese summaries.
macro_rules! registry {
    ($(
        $(#[doc = $origin_doc:literal])*
        $origin:ident #[cfg($cfg:meta)] {
            $( $variant:ident $code:literal $severity:ident $en:literal $zh:literal; )*
        }
    )*) => {
        /// Stable machine-readable codes of every error and warning: the data's, the options',
        /// the canvas's, the loader's, the spreadsheets' and the authoring page's. Their strings
        /// (see [`Code::as_str`]) never change meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum Code {
            $($(
                #[cfg($cfg)]
                #[doc = concat!("`", $code, "`: ", $en, ".")]
                $variant,
            )*)*
        }

        /// Which part of plan-widget raises a code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Origin {
            $( $(#[doc = $origin_doc])* $origin, )*
        }

        impl Code {
            /// Every code of this build, in the registry's order, for `plan-widget check
            /// --codes` and the documentation.
            pub const ALL: &'static [Code] = &[ $($( #[cfg($cfg)] Code::$variant, )*)* ];

            /// The stable string form, e.g. `field.missing`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($( #[cfg($cfg)] Code::$variant => $code, )*)*
                }
            }

            /// What the code means, in English (for `--codes`).
            pub fn summary(self) -> &'static str {
                match self {
                    $($( #[cfg($cfg)] Code::$variant => $en, )*)*
                }
            }

            /// What the code means, in Chinese.
            pub fn summary_zh(self) -> &'static str {
                match self {
                    $($( #[cfg($cfg)] Code::$variant => $zh, )*)*
                }
            }

            /// The default severity of the code.
            pub fn severity(self) -> Severity {
                match self {
                    $($( #[cfg($cfg)] Code::$variant => Severity::$severity, )*)*
                }
            }

            /// The part of plan-widget that raises the code.
            pub fn origin(self) -> Origin {
                match self {
                    $($( #[cfg($cfg)] Code::$variant => Origin::$origin, )*)*
                }
            }
        }
    };
}

registry! {
    /// Plan files, as read and validated by `parse` (the widget, the CLI's `check`, the
    /// authoring page): the diagnostics' codes.
    File #[cfg(all())] {
        Syntax "syntax" Error "the text is not valid JSON" "文本不是有效的 JSON";
        TopLevel "topLevel" Error "the top level is not a JSON object" "顶层不是 JSON 对象";
        SchemaVersion "schemaVersion" Error "schemaVersion is missing or not 1" "schemaVersion 缺失或不是 1";
        MissingField "field.missing" Error "a required field is missing" "缺少必填字段";
        UnknownField "field.unknown" Error "a field the format does not define" "格式中没有定义的字段";
        WrongType "field.type" Error "a value of the wrong JSON type" "值的 JSON 类型不对";
        EmptyString "field.empty" Error "a string that must not be empty" "不能为空的字符串为空";
        BadId "id.invalid" Error "an id must be 1-64 ASCII letters, digits, '-', '_' or '.'" "id 应为 1-64 个 ASCII 字母、数字、“-”“_”或“.”";
        DuplicateId "id.duplicate" Error "two sections or two indicators share an id" "两个分组或两项指标的 id 相同";
        UnknownSection "section.unknown" Error "an indicator names a section the file does not have" "指标所属的分组在文件中不存在";
        UnknownKind "kind.unknown" Error "kind is not one of the nine kinds" "kind 不是九种类型之一";
        UnknownValue "value.unknown" Error "a value outside the field's allowed list" "值不在该字段的可选范围内";
        BadPeriod "period.invalid" Error "a period in none of the six documented forms" "期间不是文档所列六种写法之一";
        BadDate "date.invalid" Error "a date that is not YYYY-MM-DD" "日期不是 YYYY-MM-DD 格式";
        PlanSpan "plan.span" Error "plan.start ends after plan.end" "plan.start 晚于 plan.end 结束";
        NotForKind "kind.fieldNotAllowed" Error "a field this indicator's kind does not use" "该指标类型不使用的字段";
        NeededForKind "kind.fieldRequired" Error "a field this indicator's kind needs" "该指标类型需要的字段";
        TargetBeforeBaseline "target.beforeBaseline" Error "a target due no later than the baseline" "目标期间不晚于基期";
        Order "period.order" Error "targets or actuals out of period order, or repeated" "目标或实际值未按期间排序，或期间重复";
        Overlap "period.overlap" Error "actuals whose periods overlap where amounts are added up" "需要累加的实际值期间重叠";
        PercentRange "value.percentRange" Error "a percentage outside 0-100" "百分比不在 0-100 之间";
        MinMax "target.minGreaterThanMax" Error "a target's min is greater than its max" "目标的 min 大于 max";
        ValueRange "value.range" Error "a number outside what the field allows" "数值超出该字段允许的范围";
        LimitFileSize "limit.fileSize" Error "the file is larger than 20 MiB" "文件大于 20 MiB";
        LimitSections "limit.sections" Error "more than 1,000 sections" "分组多于 1,000 个";
        LimitIndicators "limit.indicators" Error "more than 10,000 indicators" "指标多于 10,000 项";
        LimitTargets "limit.targets" Error "more than 100 targets in one indicator" "一项指标的目标多于 100 个";
        LimitActuals "limit.actuals" Error "more than 200,000 actuals in one indicator" "一项指标的实际值多于 200,000 个";
        LimitTotalActuals "limit.totalActuals" Error "more than 1,000,000 actuals in the file" "文件中的实际值多于 1,000,000 个";
        LimitStringLength "limit.stringLength" Error "a string longer than 2,000 characters" "字符串长于 2,000 个字符";
        LimitNames "limit.names" Error "more than 50 leaders or units in one list" "一个名单中的领导或单位多于 50 个";
        UnsafeUrl "url.notHttp" Warning "source.url is not http: or https: and is shown as text only" "source.url 不是 http: 或 https: 地址，只显示为文字";
        DuplicateKey "key.duplicate" Error "an object key given twice (one of the two would be silently dropped)" "对象中同一个键出现两次（其中一个会被悄悄丢弃）";
        HiddenText "text.hidden" Warning "a string with bidi controls or zero-width characters (left out of what is drawn)" "字符串含双向控制符或零宽字符（绘制时略去）";
    }
    /// Fill-in spreadsheets (`src/sheet/`): only where spreadsheets are read (natively and in
    /// the authoring module), so the widget's own module does not carry them.
    Sheet #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))] {
        SheetUnreadable "sheet.unreadable" Error "the file is not a readable xlsx/xls/ods workbook or CSV text" "文件不是可读取的 xlsx/xls/ods 工作簿或 CSV 文本";
        SheetNoHeader "sheet.noHeader" Error "no sheet has a header row naming the id, period and value or state columns" "没有工作表的表头行含 id、期间及数值或状态列";
        SheetNotNumber "sheet.notNumber" Error "a value cell that is not a number" "数值单元格不是数字";
        SheetPeriod "sheet.period" Error "a period cell in none of the six period forms" "期间单元格不是六种期间写法之一";
        SheetUnknownId "sheet.unknownId" Error "an id cell that names no indicator of the plan" "id 单元格不是规划中任何指标的 id";
        SheetPercent "sheet.percentRange" Error "a percentage in the sheet outside 0-100" "表中的百分比不在 0-100 之间";
        SheetState "sheet.state" Error "a state cell that is not notStarted, inProgress, done or blocked" "状态单元格不是 notStarted、inProgress、done 或 blocked";
        SheetDuplicate "sheet.duplicateRow" Error "two filled rows for the same indicator and period" "同一指标同一期间填了两行";
        SheetIncomplete "sheet.incomplete" Error "a filled row without id or period, or a note without value or state" "已填的行缺 id 或期间，或有备注而无数值或状态";
        SheetKind "sheet.kindMismatch" Error "a state where the indicator's kind takes a value, or a missing state" "该指标类型应填数值却填了状态，或缺少状态";
    }
    /// The widget's own module (`src/web.rs`): data it cannot take, options, the canvas.
    Widget #[cfg(all())] {
        DataType "data.type" Error "data must be a JSON string or an object" "数据应为 JSON 字符串或对象";
        DataNotJson "data.notJson" Error "the data object cannot be written as JSON (a cycle, too deep, or a value JSON cannot hold)" "数据对象无法写成 JSON（含循环引用、嵌套过深或无法表示的值）";
        DataUnusable "data.unusable" Error "the data is not usable" "数据不可用";
        OptionsInvalid "options.invalid" Error "an option the widget does not know, or a value it does not take" "未知选项，或选项的值无效";
        RenderNoData "render.noData" Error "there is no data to show" "没有可显示的数据";
        RenderCanvas "render.canvas" Error "no 2D canvas context" "无法获取画布";
        RenderPaint "render.paint" Error "painting the canvas failed" "绘制失败";
    }
    /// The `<plan-widget>` loader (`src/js/`): fetching, WebAssembly, traps, export. Only the
    /// loader raises these, so the WebAssembly modules leave them out.
    Loader #[cfg(not(target_arch = "wasm32"))] {
        DataNone "data.none" Error "no data: neither a src attribute nor embedded JSON" "未指定数据：既没有 src 属性，也没有内嵌 JSON";
        FetchStatus "fetch.status" Error "the data file's server answered with an error status (404, 5xx)" "数据文件的服务器返回错误状态（404、5xx）";
        FetchTimeout "fetch.timeout" Error "loading the data file timed out" "加载数据文件超时";
        FetchNetwork "fetch.network" Error "network error, or a cross-origin request refused" "网络错误，或跨域请求被拒绝";
        FetchBody "fetch.body" Error "the download of the data file broke off before the end" "数据文件下载中途中断";
        FetchContentType "fetch.contentType" Error "the data file URL is a web page (text/html), not JSON" "数据文件地址是网页（text/html），不是 JSON";
        WasmFetch "wasm.fetch" Error "the WebAssembly file cannot be loaded, or is not one" "无法加载 WebAssembly 文件，或它不是 WebAssembly 文件";
        WasmUnavailable "wasm.unavailable" Error "WebAssembly cannot run here (missing, or refused by the page's Content-Security-Policy)" "此处无法运行 WebAssembly（不支持，或被网页的内容安全策略拒绝）";
        InternalPanic "internal.panic" Error "a bug in the widget (a Rust panic or a trap); other widgets keep working" "组件内部错误（Rust panic 或陷阱）；其他组件照常工作";
        InternalError "internal.error" Error "an error that carries no code of its own" "没有自身代码的错误";
        ExportNotReady "export.notReady" Error "nothing is shown yet, so there is nothing to export" "尚未显示数据，无可导出";
    }
    /// The authoring page's editing exports (`src/authoring.rs`).
    Authoring #[cfg(any(not(target_arch = "wasm32"), feature = "authoring"))] {
        AuthoringNotJson "authoring.notJson" Error "the text to edit is not JSON" "要编辑的文本不是 JSON";
        AuthoringNoIndicator "authoring.noIndicator" Error "there is no such indicator, or its actuals cannot be edited" "没有该指标，或其实际值无法编辑";
        AuthoringPeriod "authoring.period" Error "a period in none of the six forms" "期间不是六种写法之一";
        AuthoringValue "authoring.value" Error "the value is not a finite number" "数值无效";
        AuthoringState "authoring.state" Error "a state that is not notStarted, inProgress, done or blocked" "状态不是 notStarted、inProgress、done 或 blocked";
        AuthoringDate "authoring.date" Error "a date that is not YYYY-MM-DD" "日期不是 YYYY-MM-DD 格式";
        AuthoringNoPlan "authoring.noPlan" Error "the JSON has no (usable) plan" "JSON 中没有（可用的）plan";
        AuthoringSheet "authoring.sheet" Error "the fill-in sheet cannot be made" "无法生成填报表";
    }
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

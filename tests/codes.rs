//! The error-code registry (`registry!` in `src/diag.rs`) against every other place that names
//! codes: the TypeScript unions in `src/js/plan-widget.d.ts`, the table in `docs/limits.md` and
//! the code strings of the loader's JavaScript (`src/js/**/*.js`). Adding a code in one place
//! without the others fails here.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use plan_widget::diag::{Code, Origin};
use plan_widget::Severity;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The codes raised by `origins`, in the registry's order.
fn codes_of(origins: &[Origin]) -> Vec<&'static str> {
    Code::ALL
        .iter()
        .filter(|c| origins.contains(&c.origin()))
        .map(|c| c.as_str())
        .collect()
}

/// The members of `export type NAME = | 'a' | 'b' | Other;` in the d.ts: quoted strings and
/// the names of other types.
fn union(dts: &str, name: &str) -> Vec<String> {
    let head = format!("export type {name} =");
    let start = dts
        .find(&head)
        .unwrap_or_else(|| panic!("plan-widget.d.ts has no `{head}`"))
        + head.len();
    let body = &dts[start..start + dts[start..].find(';').expect("union ends with ;")];
    body.split('|')
        .map(|m| m.trim().trim_matches('\'').to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn typescript_unions_are_the_registry() {
    let dts = read("src/js/plan-widget.d.ts");
    let data: Vec<String> = codes_of(&[Origin::File])
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(
        union(&dts, "PlanDataCode"),
        data,
        "PlanDataCode in src/js/plan-widget.d.ts must list the data codes of src/diag.rs, in order"
    );
    let mut errors = vec!["PlanDataCode".to_string()];
    errors.extend(
        codes_of(&[Origin::Widget, Origin::Loader])
            .into_iter()
            .map(String::from),
    );
    assert_eq!(
        union(&dts, "PlanErrorCode"),
        errors,
        "PlanErrorCode in src/js/plan-widget.d.ts must be PlanDataCode and the widget's and the \
         loader's codes of src/diag.rs, in order"
    );
    for field in [
        "code: PlanDataCode;",
        "code: PlanErrorCode;",
        "{ code: PlanErrorCode;",
    ] {
        assert!(dts.contains(field), "plan-widget.d.ts lacks `{field}`");
    }
    assert!(
        !dts.contains("code: string"),
        "a code typed as a bare string in plan-widget.d.ts"
    );
}

/// The row of `docs/limits.md`'s table of codes for `c`.
fn doc_row(c: Code) -> String {
    let severity = match c.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let origin = match c.origin() {
        Origin::File => "data",
        Origin::Sheet => "sheet",
        Origin::Widget => "widget",
        Origin::Loader => "loader",
        Origin::Authoring => "authoring",
    };
    format!(
        "| `{}` | {severity} | {origin} | {} | {} |",
        c.as_str(),
        c.summary(),
        c.summary_zh()
    )
}

#[test]
fn limits_doc_lists_every_code() {
    let doc = read("docs/limits.md");
    let section = &doc[doc
        .find("\n## Error codes\n")
        .expect("docs/limits.md has a section `## Error codes`")..];
    let section = section[1..]
        .find("\n## ")
        .map_or(section, |end| &section[..end + 1]);
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| `")).collect();
    let want: Vec<String> = Code::ALL.iter().map(|&c| doc_row(c)).collect();
    assert!(
        rows == want,
        "the table of codes in docs/limits.md differs from the registry in src/diag.rs; it \
         should read:\n{}",
        want.join("\n")
    );
}

#[test]
fn registry_is_consistent() {
    let mut seen = BTreeSet::new();
    for &c in Code::ALL {
        assert!(seen.insert(c.as_str()), "duplicate code {c}");
        assert!(!c.summary().is_empty() && !c.summary_zh().is_empty(), "{c}");
        let (family, name) = c.as_str().split_once('.').unwrap_or(("", c.as_str()));
        assert!(
            is_code_word(family) && is_code_word(name) && !name.is_empty(),
            "code {c} is not `family.camelCase` or `camelCase`"
        );
    }
}

fn is_code_word(w: &str) -> bool {
    w.chars().next().is_none_or(|c| c.is_ascii_lowercase())
        && w.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Every `.js` file under `dir`, recursively.
fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
            out.push(path);
        }
    }
}

/// The string literals (`'…'`, `"…"`, and template literals without `${`) of JavaScript source,
/// outside comments. A quote that reaches the end of its line ends the literal there, so a stray
/// quote (say, in a regular expression) costs one line, not the file.
fn string_literals(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = js.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '\'' | '"' | '`' => {
                let mut s = String::new();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '\n' if c != '`' => break,
                        d if d == c => {
                            out.push(s);
                            break;
                        }
                        d => s.push(d),
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a string literal has the shape of a dotted code (`family.camelCase`) and is not a file
/// name.
fn looks_like_code(s: &str) -> bool {
    const FILE_ENDINGS: [&str; 10] = [
        "json", "js", "mjs", "wasm", "css", "html", "svg", "png", "csv", "xlsx",
    ];
    match s.split_once('.') {
        Some((family, name)) => {
            !family.is_empty()
                && family.chars().all(|c| c.is_ascii_lowercase())
                && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric())
                && !FILE_ENDINGS.contains(&name)
        }
        None => false,
    }
}

#[test]
fn loader_codes_are_the_registry() {
    let mut files = Vec::new();
    js_files(&root().join("src/js"), &mut files);
    assert!(!files.is_empty(), "no JavaScript under src/js");
    let reported = codes_of(&[Origin::File, Origin::Widget, Origin::Loader]);
    let mut used = BTreeSet::new();
    for file in &files {
        let js = fs::read_to_string(file).unwrap();
        for s in string_literals(&js)
            .into_iter()
            .filter(|s| looks_like_code(s))
        {
            assert!(
                reported.contains(&s.as_str()),
                "{}: code '{s}' is not in the registry of src/diag.rs (or not one the widget \
                 reports)",
                file.display()
            );
            used.insert(s);
        }
    }
    for code in codes_of(&[Origin::Loader]) {
        assert!(
            used.contains(code),
            "the registry of src/diag.rs lists {code} as the loader's, but no file under src/js \
             uses it"
        );
    }
}

#[test]
fn literal_scanner_skips_comments_and_file_names() {
    let js = "// 'fetch.nope'\n/* \"wasm.nope\" */ f('fetch.status', \"plan.json\", `internal.panic`);\nconst r = /it's/;\ng('data.none');";
    let found: Vec<String> = string_literals(js)
        .into_iter()
        .filter(|s| looks_like_code(s))
        .collect();
    assert_eq!(found, ["fetch.status", "internal.panic", "data.none"]);
}

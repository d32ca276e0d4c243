//! The crate's JSON reader (src/json/) against serde_json, which the validator read with before:
//! the same values and the same errors (message, line, column) for hand-picked edge cases,
//! every truncation of the sample plans and random JSON-looking text. (The test build of
//! serde_json has `float_roundtrip`, which the widget's and the CLI's builds never had; numbers
//! are compared exactly where both ways of reading agree, and to within a few units in the last
//! place elsewhere.)
#![cfg(not(target_arch = "wasm32"))]

use plan_widget::json::{self, Node, Number, Value};
use proptest::prelude::*;

mod common;

/// Structural equality with a serde_json value: same kinds, same strings, same keys (each once,
/// the last value of a repeated one), numbers of the same kind; floats equal when `exact`, else
/// within a few units in the last place (serde_json without `float_roundtrip`, the widget's way,
/// divides by a rounded power of ten).
fn same(ours: &Node, theirs: &serde_json::Value, exact: bool) -> Result<(), String> {
    use serde_json::Value as S;
    match (&ours.value, theirs) {
        (Value::Null, S::Null) => Ok(()),
        (Value::Bool(a), S::Bool(b)) if a == b => Ok(()),
        (Value::String(a), S::String(b)) if a == b => Ok(()),
        (Value::Number(a), S::Number(b)) => {
            let ok = match (*a, Number::from_serde(b)) {
                (Number::U64(x), Number::U64(y)) => x == y,
                (Number::I64(x), Number::I64(y)) => x == y,
                (Number::F64(x), Number::F64(y)) if exact => x.to_bits() == y.to_bits(),
                (Number::F64(x), Number::F64(y)) => {
                    x.is_sign_negative() == y.is_sign_negative()
                        && x.to_bits().abs_diff(y.to_bits()) <= 4
                }
                _ => false,
            };
            if ok {
                Ok(())
            } else {
                Err(format!("{a:?} vs {b:?}"))
            }
        }
        (Value::Array(a), S::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).try_for_each(|(x, y)| same(x, y, exact))
        }
        (Value::Object(a), S::Object(b)) => {
            let mine = a.sorted();
            if mine.len() != b.len() {
                return Err(format!("{} keys vs {}", mine.len(), b.len()));
            }
            mine.iter().zip(b).try_for_each(|((k, x), (l, y))| {
                if k != l {
                    return Err(format!("key {k} vs {l}"));
                }
                same(x, y, exact)
            })
        }
        (a, b) => Err(format!("{a:?} vs {b}")),
    }
}

/// Reads `text` both ways and requires the same outcome.
fn check(text: &str, exact: bool) {
    let theirs: Result<serde_json::Value, _> = serde_json::from_str(text);
    match (json::parse(text), theirs) {
        (Ok(p), Ok(v)) => {
            if let Err(e) = same(&p.root, &v, exact) {
                panic!("{text:?}: {e}");
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}"),
        (a, b) => panic!("{text:?}: ours {a:?}, serde_json {b:?}"),
    }
}

#[test]
fn edge_cases_read_like_serde_json() {
    let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let deep_bad = format!("{}{}", "[".repeat(128), "]".repeat(128));
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(130), "}".repeat(130));
    let long_int = "1".repeat(400);
    let long_frac = format!("0.{}", "3".repeat(400));
    for text in [
        "",
        " ",
        "\u{feff}{}",
        "{}",
        "[]",
        "null",
        "true",
        "false",
        "nul",
        "tru",
        "fals",
        "nulx",
        "True",
        "NaN",
        "Infinity",
        "-",
        "-x",
        "+1",
        "01",
        "-01",
        "0",
        "-0",
        "-0.0",
        "0.0",
        "1.",
        "1.e5",
        ".5",
        "1e",
        "1e+",
        "1e-",
        "1ex",
        "1E5",
        "1e+5",
        "1e-5",
        "1e400",
        "-1e400",
        "1e-400",
        "-1e-400",
        "0e999999999999",
        "1e999999999999",
        "1e-999999999999",
        "1.5e308",
        "1.8e308",
        "1.7976931348623157e308",
        "5e-324",
        "2.5e-324",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551616",
        "123456789012345678901234567890",
        "0.1",
        "70.5",
        "-12.25",
        "1x",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[",
        "[1",
        "[1,",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "{\"a\" 1}",
        "{1:2}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{,}",
        "{\"a\":1}}",
        "[]]",
        "{} x",
        "\"abc",
        "\"a\\",
        "\"a\\x\"",
        "\"a\\u12\"",
        "\"a\\u12g4\"",
        "\"\\u0041\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\n\"",
        "\"\\ud83d\\u0041\"",
        "\"\\ude00\"",
        "\"\\ud83d\\",
        "\"\\ud83d\\u",
        "\"\\u0000\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\u{1}\"",
        "\"\u{7f}\"",
        "\"中文\\\"\"",
        "\"\\/\\b\\f\\n\\r\\t\"",
        "\n\n  [1,\n 2,,]",
        "{\"中\": [1, 2, {\"文\": tru}]}",
        "{\"a\":1,\"a\":2}",
        "\r\n{\"a\":\t[true,false,null]}",
        &deep_ok,
        &deep_bad,
        &deep_obj,
    ] {
        check(text, true);
    }
    for text in [
        &long_int,
        &long_frac,
        "1.0001522947451875e-115",
        "2.2250738585072014e-308",
    ] {
        check(text, false);
    }
}

#[test]
fn every_truncation_of_the_samples_fails_like_serde_json() {
    for (name, text) in common::samples() {
        let step = (text.len() / 400).max(1);
        let mut at = 0;
        while at < text.len() {
            if text.is_char_boundary(at) {
                check(&text[..at], true);
            }
            at += step;
        }
        check(&text, true);
        assert!(json::parse(&text).is_ok(), "{name}");
    }
}

#[test]
fn repeated_keys_are_found_in_the_same_pass() {
    let text = "{\"a\": 1,\n \"b\": [{\"x\": 1, \"y\": 2, \"x\": 3}],\n \"a\": 2}";
    let p = json::parse(text).unwrap();
    let got: Vec<_> = p
        .repeated
        .iter()
        .map(|r| (r.path.as_str(), r.positions(text)))
        .collect();
    assert_eq!(
        got,
        [("b[0].x", ((2, 25), (2, 9))), ("a", ((3, 2), (1, 2)))]
    );
    // The last of repeated keys is the one read, as serde_json reads it.
    assert_eq!(p.root.get("a").and_then(Node::as_u64), Some(2));
    // Long objects switch to a map; escaped keys compare decoded.
    let mut long = String::from("{");
    for i in 0..100 {
        long.push_str(&format!("\"k{i}\": {i}, "));
    }
    long.push_str("\"k\\u0037\": 1, \"k7\": 2}");
    let p = json::parse(&long).unwrap();
    assert_eq!(p.repeated.len(), 2);
    assert_eq!(p.repeated[0].key, "k7");
    assert_eq!(p.repeated[1].path, "k7");
}

#[test]
fn numbers_print_as_serde_json_prints_them() {
    for text in [
        "1",
        "-3",
        "1.0",
        "0.1",
        "-0",
        "1e21",
        "1e16",
        "1e15",
        "123456789.125",
        "1.5e-7",
        "0.00001",
        "0.000001",
        "5e-324",
        "1.7976931348623157e308",
        "12345678901234567890",
        "-9223372036854775808",
        "[1,{\"b\":\"x\\\"\\u0001\",\"a\":null}]",
        "{\"a\":1,\"a\":2}",
    ] {
        let ours = json::parse(text).unwrap().root.to_string();
        let theirs = serde_json::from_str::<serde_json::Value>(text)
            .unwrap()
            .to_string();
        assert_eq!(ours, theirs, "{text}");
    }
}

/// A number literal with at most 15 significant digits and a small exponent: read exactly both
/// with and without serde_json's `float_roundtrip`.
fn short_number() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "(0|[1-9][0-9]{0,7})",
        proptest::option::of("[0-9]{1,6}"),
        proptest::option::of((prop_oneof![Just(""), Just("+"), Just("-")], 0u32..16)),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((sign, e)) = exp {
                s.push('e');
                s.push_str(sign);
                s.push_str(&e.to_string());
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn json_looking_text_reads_like_serde_json(
        text in r#"[\{\}\[\]":,0-9a-z \n\-\.\\/eE+年\u{1}]{0,60}"#
    ) {
        check(&text, false);
    }

    #[test]
    fn short_numbers_read_exactly(n in short_number()) {
        check(&n, true);
        check(&format!("[{n}, {n}]"), true);
    }

    #[test]
    fn any_float_reads_within_one_ulp(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        check(&serde_json::to_string(&f).unwrap(), false);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = json::parse(&text);
    }
}

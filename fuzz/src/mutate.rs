//! A structure-aware mutator: when the input is JSON, change one node of the tree (replace it,
//! copy another subtree over it, delete or duplicate an element), so most mutants stay valid JSON
//! and reach validation, the status engine, layout and painting instead of stopping at a syntax
//! error. Byte-level mutations (libFuzzer's own) still happen half of the time.

use serde_json::{Map, Number, Value};

/// A tiny deterministic random source (xorshift64*), seeded by libFuzzer.
pub struct Rng(u64);

impl Rng {
    /// A generator from libFuzzer's seed.
    pub fn new(seed: u32) -> Rng {
        Rng(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next value.
    pub fn step(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.step() % n as u64) as usize
        }
    }
}

/// Strings the format gives meaning to, plus hostile ones.
const STRINGS: &[&str] = &[
    "2024",
    "2025",
    "2023/2024",
    "2024-H1",
    "2024-H2",
    "2024-Q1",
    "2024-Q4",
    "2024-06",
    "2024-06-30",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0000",
    "9999",
    "2024-W10",
    "level",
    "change",
    "annualChange",
    "growthRate",
    "cumulative",
    "recurring",
    "zero",
    "milestone",
    "task",
    "increase",
    "decrease",
    "min",
    "max",
    "atLeast",
    "atMost",
    "done",
    "inProgress",
    "notStarted",
    "delayed",
    "zh-CN",
    "en",
    "%",
    "个",
    "所",
    "人",
    "万元",
    "s1",
    "",
    " ",
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "https://example.org/",
    "{{constructor}}",
    "\u{202e}abc",
    "\u{0}",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{fffe}",
    "𠀀𠀁",
    "e\u{301}",
    "NaN",
    "Infinity",
    "-0",
    "1e309",
];

/// Numbers at and around the edges.
fn number(rng: &mut Rng) -> Value {
    let n = match rng.below(12) {
        0 => Number::from(0),
        1 => Number::from(-1),
        2 => Number::from(i64::MAX),
        3 => Number::from(i64::MIN),
        4 => Number::from(u64::MAX),
        5 => Number::from_f64(1e308).unwrap(),
        6 => Number::from_f64(-1e-308).unwrap(),
        7 => Number::from_f64(0.1).unwrap(),
        8 => Number::from(rng.below(200) as i64),
        9 => Number::from_f64(rng.below(100_000) as f64 / 100.0).unwrap(),
        10 => Number::from(2024),
        _ => Number::from_f64(-(rng.below(1000) as f64)).unwrap(),
    };
    Value::Number(n)
}

fn leaf(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 | 1 => Value::Null,
        2 | 3 => Value::Bool(rng.below(2) == 0),
        4..=7 => number(rng),
        // Around the 2,000-character cap, or a short run.
        8 => Value::String("长".repeat(1_995 + rng.below(10))),
        9 => Value::String("x".repeat(rng.below(40))),
        _ => Value::String(STRINGS[rng.below(STRINGS.len())].to_string()),
    }
}

fn fresh(rng: &mut Rng, depth: u32) -> Value {
    if depth == 0 || rng.below(3) != 0 {
        return leaf(rng);
    }
    if rng.below(2) == 0 {
        Value::Array((0..rng.below(4)).map(|_| fresh(rng, depth - 1)).collect())
    } else {
        let keys = [
            "period", "value", "min", "max", "bound", "state", "note", "id", "title", "name",
        ];
        let mut m = Map::new();
        for _ in 0..rng.below(4) {
            m.insert(keys[rng.below(keys.len())].into(), fresh(rng, depth - 1));
        }
        Value::Object(m)
    }
}

/// Number of nodes in a tree.
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(m) => m.values().map(count).sum(),
        _ => 0,
    }
}

/// The `n`th node in pre-order (`n` below `count(v)`; otherwise the root).
fn node_at(v: &mut Value, n: usize) -> &mut Value {
    if n == 0 || n >= count(v) {
        return v;
    }
    let mut rest = n - 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(m) => m.values_mut().collect(),
        _ => Vec::new(),
    };
    for child in children {
        let c = count(child);
        if rest < c {
            return node_at(child, rest);
        }
        rest -= c;
    }
    unreachable!("n is below count(v)")
}

/// Mutates JSON text in place; returns the new size, or `None` when the input is not JSON or the
/// result does not fit in `max_size` bytes (the caller then mutates bytes instead).
pub fn mutate_json(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> Option<usize> {
    let mut v: Value = serde_json::from_slice(&data[..size]).ok()?;
    let mut rng = Rng::new(seed);
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let total = count(&v);
        let target = rng.below(total);
        match rng.below(6) {
            0 | 1 => *node_at(&mut v, target) = fresh(&mut rng, 2),
            2 => {
                let from = node_at(&mut v, rng.below(total)).clone();
                *node_at(&mut v, target) = from;
            }
            3 => match node_at(&mut v, target) {
                Value::Array(a) if !a.is_empty() => {
                    let i = rng.below(a.len());
                    a.remove(i);
                }
                Value::Object(m) if !m.is_empty() => {
                    let k = m
                        .keys()
                        .nth(rng.below(m.len()))
                        .cloned()
                        .unwrap_or_default();
                    m.remove(&k);
                }
                _ => {}
            },
            4 => {
                if let Value::Array(a) = node_at(&mut v, target) {
                    if !a.is_empty() {
                        let i = rng.below(a.len());
                        let most = if rng.below(8) == 0 { 300 } else { 3 };
                        let copies = 1 + rng.below(most);
                        for _ in 0..copies {
                            a.push(a[i].clone());
                        }
                    }
                }
            }
            _ => {
                if let Value::Object(m) = node_at(&mut v, target) {
                    let key = STRINGS[rng.below(STRINGS.len())].to_string();
                    m.insert(key, leaf(&mut rng));
                }
            }
        }
    }
    let out = if rng.below(2) == 0 {
        serde_json::to_vec(&v).ok()?
    } else {
        serde_json::to_vec_pretty(&v).ok()?
    };
    if out.len() > max_size || out.len() > data.len() {
        return None;
    }
    data[..out.len()].copy_from_slice(&out);
    Some(out.len())
}

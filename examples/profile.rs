//! Times the render pipeline's phases natively and counts text measurements, for the
//! benchmark's workloads (`node bench/gen.mjs DIR` writes them).
//!
//! ```sh
//! cargo run --release --example profile -- FILE [--view dashboard|sections|indicator:ID]
//!     [--width PX] [--runs N] [--dump PREFIX] [--sweep] [--only-layout] [--web US]
//! ```
//!
//! Prints the median of `--runs` runs (default 15) of each phase: evaluate, layout and paint
//! (to SVG; the browser paints on a canvas instead), then how many widths layout asked the
//! measure for, how many distinct (text, size, weight) they were, and how many `measureText`
//! calls the browser's measure would make for them with an empty cache (it caches every width
//! and measures some texts by pieces, `layout::text::width_by_parts`). `--dump PREFIX`
//! writes the evaluation, the display list and the SVG to `PREFIX.eval.json`,
//! `PREFIX.list.json` and `PREFIX.svg`, to compare two builds; `--sweep` prints hashes of the
//! evaluation and of every view at several widths, languages, font scales and filters (two
//! builds that print the same lines draw the same pictures); `--only-layout` runs layout alone,
//! for a profiler; `--web US` lays out with a model of the browser's caching measure that
//! spends `US` µs per `measureText` and per font change.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::cell::{Cell, RefCell};
    use std::collections::HashSet;
    use std::time::{Duration, Instant};

    use plan_widget::layout::text::{css_font, width_by_parts, WidthCache};
    use plan_widget::layout::{
        layout, EstimateMeasure, Filter, LayoutOptions, Scene, TextMeasure, View,
    };
    use plan_widget::paint::to_svg;
    use plan_widget::theme::Theme;
    use plan_widget::{evaluate, load, Options};

    /// The estimate, counting every call and every distinct question.
    #[derive(Default)]
    struct Counting {
        calls: Cell<usize>,
        distinct: RefCell<HashSet<(String, u32, bool)>>,
        /// Every question in order, when `PROFILE_DUMP` is set.
        log: Option<RefCell<Vec<(String, f32, bool)>>>,
    }

    impl TextMeasure for Counting {
        fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
            self.calls.set(self.calls.get() + 1);
            self.distinct
                .borrow_mut()
                .insert((text.to_string(), size.to_bits(), bold));
            if let Some(log) = &self.log {
                log.borrow_mut().push((text.to_string(), size, bold));
            }
            EstimateMeasure.width(text, size, bold)
        }
    }

    /// `measureText` calls with an empty cache: each distinct piece that `web.rs`'s
    /// `CanvasMeasure` measures (`width_by_parts`), per font.
    fn cold(distinct: &HashSet<(String, u32, bool)>) -> usize {
        let mut keys: HashSet<(String, u32, bool)> = HashSet::new();
        for (text, size, bold) in distinct {
            let mut pieces = Vec::new();
            if width_by_parts(text, |p| {
                pieces.push(p.to_string());
                0.0
            })
            .is_none()
            {
                pieces.push(text.clone());
            }
            for p in pieces {
                keys.insert((p, *size, *bold));
            }
        }
        keys.len()
    }

    /// FNV-1a of a string.
    fn fnv(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// Prints a hash of the evaluation and of the display list and SVG of every view, width,
    /// language and a few filters and focus settings: two builds that print the same lines draw
    /// the same pictures.
    fn sweep_all(plan: &plan_widget::Plan, rejected: &[plan_widget::parse::Rejected]) {
        use plan_widget::model::Locale;
        use plan_widget::status::Status;
        let eval = evaluate(plan, &Options::default());
        println!(
            "eval {:016x}",
            fnv(&serde_json::to_string(&eval).expect("json"))
        );
        let scene = Scene {
            plan,
            eval: &eval,
            rejected,
        };
        let mut views = vec![View::Dashboard, View::Sections];
        views.extend(
            plan.indicators
                .iter()
                .take(80)
                .map(|i| View::Indicator(i.id.clone())),
        );
        let first_status = eval.indicators.first().map(|s| s.status);
        let filters = [
            Filter::default(),
            Filter {
                statuses: first_status.into_iter().chain([Status::AtRisk]).collect(),
                ..Filter::default()
            },
            Filter {
                sections: plan.sections.iter().take(1).map(|s| s.id.clone()).collect(),
                units: plan
                    .sections
                    .iter()
                    .flat_map(|s| s.units.iter().take(1).cloned())
                    .collect(),
                ..Filter::default()
            },
        ];
        for view in &views {
            let dash = *view == View::Dashboard;
            for width in [320.0, 390.0, 599.0, 768.0, 1024.0, 1280.0, 1920.0] {
                for locale in [Locale::ZhCn, Locale::En] {
                    for (f, filter) in filters.iter().enumerate() {
                        if f > 0
                            && (!matches!(view, View::Dashboard | View::Sections)
                                || width != 1280.0)
                        {
                            continue;
                        }
                        for scale in [1.0, 1.25, 2.0] {
                            if scale != 1.0 && (width != 390.0 && width != 1280.0) {
                                continue;
                            }
                            let theme = Theme {
                                font_scale: scale,
                                ..Theme::default()
                            };
                            let opts = LayoutOptions {
                                width,
                                view: view.clone(),
                                theme,
                                locale,
                                focus: dash
                                    .then(|| plan.indicators.first().map(|i| i.id.clone()))
                                    .flatten(),
                                filter: filter.clone(),
                            };
                            let list = layout(&scene, &opts, &EstimateMeasure);
                            let json = serde_json::to_string(&list).expect("json");
                            println!(
                                "{view:?} {width} {locale:?} f{f} x{scale}: {:016x} {:016x}",
                                fnv(&json),
                                fnv(&to_svg(&list))
                            );
                        }
                    }
                }
            }
        }
    }

    /// A model of the browser's measure (`web.rs`'s `CanvasMeasure`) without a canvas: the same
    /// caching (pieces by `layout::text::width_by_parts`; widths by font and
    /// text in `layout::text::WidthCache`, kept across layouts) and font-string
    /// bookkeeping, with the estimate in place of `measureText` plus `miss_us` µs of busy
    /// waiting per `measureText` and per font change.
    #[derive(Default)]
    struct WebLike {
        widths: RefCell<WidthCache>,
        font: RefCell<String>,
        miss_us: u64,
        misses: Cell<usize>,
        font_changes: Cell<usize>,
    }

    impl WebLike {
        fn spin(&self) {
            let t = Instant::now();
            while t.elapsed() < Duration::from_micros(self.miss_us) {
                std::hint::spin_loop();
            }
        }
    }

    impl TextMeasure for WebLike {
        fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
            if let Some(w) = width_by_parts(text, |part| self.width(part, size, bold)) {
                return w;
            }
            if let Some(w) = self.widths.borrow().get(text, size, bold) {
                return w;
            }
            let font = css_font(size, bold, "sans-serif");
            if *self.font.borrow() != font {
                self.font_changes.set(self.font_changes.get() + 1);
                self.spin();
                *self.font.borrow_mut() = font;
            }
            self.misses.set(self.misses.get() + 1);
            self.spin();
            let w = EstimateMeasure.width(text, size, bold);
            self.widths.borrow_mut().insert(text, size, bold, w);
            w
        }
    }

    fn median(mut d: Vec<Duration>) -> f64 {
        d.sort();
        d[d.len() / 2].as_secs_f64() * 1000.0
    }

    pub fn main() {
        let mut args = std::env::args().skip(1);
        let mut file = None;
        let mut view = View::Dashboard;
        let mut width = 1280.0f32;
        let mut runs = 15usize;
        let mut dump: Option<String> = None;
        let mut sweep = false;
        let mut only_layout = false;
        let mut web: Option<u64> = None;
        while let Some(a) = args.next() {
            match a.as_str() {
                "--view" => {
                    let v = args.next().expect("--view VALUE");
                    view = match v.as_str() {
                        "dashboard" => View::Dashboard,
                        "sections" => View::Sections,
                        _ => View::Indicator(
                            v.strip_prefix("indicator:")
                                .expect("dashboard, sections or indicator:ID")
                                .to_string(),
                        ),
                    };
                }
                "--width" => {
                    width = args
                        .next()
                        .and_then(|w| w.parse().ok())
                        .expect("--width PX")
                }
                "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
                "--dump" => dump = Some(args.next().expect("--dump PREFIX")),
                "--sweep" => sweep = true,
                "--only-layout" => only_layout = true,
                "--web" => web = Some(args.next().and_then(|n| n.parse().ok()).expect("--web US")),
                _ => file = Some(a),
            }
        }
        let file = file.expect("usage: profile FILE [--view V] [--width PX] [--runs N]");
        let text = std::fs::read_to_string(&file).expect("readable file");
        let t = Instant::now();
        let loaded = load(&text);
        let load_ms = t.elapsed().as_secs_f64() * 1000.0;
        let plan = loaded.plan.expect("usable plan");
        if sweep {
            return sweep_all(&plan, &loaded.rejected);
        }
        let opts = LayoutOptions {
            width,
            view,
            theme: Theme::default(),
            locale: plan.plan.locale,
            focus: None,
            filter: Filter::default(),
        };
        if let Some(miss_us) = web {
            // Layout with the model of the browser's measure: the first layout with an empty
            // cache (a page's first render), then the median of `runs` with the cache kept
            // (re-renders: resize, theme, filter).
            let eval = evaluate(&plan, &Options::default());
            let scene = Scene {
                plan: &plan,
                eval: &eval,
                rejected: &loaded.rejected,
            };
            let measure = WebLike {
                miss_us,
                ..WebLike::default()
            };
            let t = Instant::now();
            layout(&scene, &opts, &measure);
            let cold = t.elapsed().as_secs_f64() * 1000.0;
            let (misses, changes) = (measure.misses.get(), measure.font_changes.get());
            let warm: Vec<Duration> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(layout(&scene, &opts, &measure));
                    t.elapsed()
                })
                .collect();
            println!(
                "{file}: layout with a browser-like measure ({miss_us} µs per measureText and per \
                 font change): first {cold:.2} ms ({misses} measureText, {changes} font changes), \
                 then {:.3} ms (median of {runs})",
                median(warm)
            );
            return;
        }
        if only_layout {
            // For a profiler: layout alone, `runs` times.
            let eval = evaluate(&plan, &Options::default());
            let scene = Scene {
                plan: &plan,
                eval: &eval,
                rejected: &loaded.rejected,
            };
            let t = Instant::now();
            for _ in 0..runs {
                std::hint::black_box(layout(&scene, &opts, &EstimateMeasure));
            }
            println!(
                "layout: {:.3} ms each",
                t.elapsed().as_secs_f64() * 1000.0 / runs as f64
            );
            return;
        }
        let (mut ev, mut lay, mut pnt) = (Vec::new(), Vec::new(), Vec::new());
        let mut items = 0;
        let mut svg_len = 0;
        for _ in 0..runs.max(1) {
            let t0 = Instant::now();
            let eval = evaluate(&plan, &Options::default());
            let t1 = Instant::now();
            let scene = Scene {
                plan: &plan,
                eval: &eval,
                rejected: &loaded.rejected,
            };
            let list = layout(&scene, &opts, &EstimateMeasure);
            let t2 = Instant::now();
            let svg = to_svg(&list);
            let t3 = Instant::now();
            ev.push(t1 - t0);
            lay.push(t2 - t1);
            pnt.push(t3 - t2);
            items = list.items.len();
            svg_len = svg.len();
        }
        let eval = evaluate(&plan, &Options::default());
        let scene = Scene {
            plan: &plan,
            eval: &eval,
            rejected: &loaded.rejected,
        };
        let counting = Counting {
            log: std::env::var_os("PROFILE_DUMP").map(|_| RefCell::default()),
            ..Counting::default()
        };
        let list = layout(&scene, &opts, &counting);
        if let Some(prefix) = &dump {
            // For comparing two builds: the evaluation, the display list and the SVG.
            let json = serde_json::to_string_pretty(&eval).expect("serializable");
            std::fs::write(format!("{prefix}.eval.json"), json).expect("writable");
            let json = serde_json::to_string_pretty(&list).expect("serializable");
            std::fs::write(format!("{prefix}.list.json"), json).expect("writable");
            std::fs::write(format!("{prefix}.svg"), to_svg(&list)).expect("writable");
        }
        if let Some(log) = &counting.log {
            for (text, size, bold) in log.borrow().iter() {
                eprintln!("{size}\t{bold}\t{text}");
            }
        }
        println!(
            "{file}: load {load_ms:.1} ms (once); medians of {runs}: evaluate {:.2} ms, layout \
             {:.2} ms, paint (SVG) {:.2} ms; {items} items, {svg_len} bytes of SVG; measure: {} \
             calls, {} distinct, {} measureText cold",
            median(ev),
            median(lay),
            median(pnt),
            counting.calls.get(),
            counting.distinct.borrow().len(),
            cold(&counting.distinct.borrow())
        );
    }
}

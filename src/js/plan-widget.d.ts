// TypeScript declarations for the plan-widget loader (plan-widget.js).

/** Options accepted by mount(), setOptions() and (as attributes) <plan-widget>. */
export interface PlanWidgetOptions {
  /** Which view to draw. Default "dashboard". */
  view?: 'dashboard' | 'sections' | 'indicator';
  /** Indicator id for view "indicator". */
  indicator?: string;
  /** Label language. Default: the plan's locale (zh-CN). */
  lang?: 'zh-CN' | 'en';
  /**
   * Built-in theme. Default "auto": "dark" when the reader prefers a dark colour scheme, else
   * "light". Forced colours (Windows high contrast) always win and use the system's colours.
   */
  theme?: 'auto' | 'light' | 'dark' | 'contrast';
  /** Evaluate statuses as of this date (YYYY-MM-DD). Default: the plan's asOf, else today. */
  asOf?: string;
  /** Colour overrides: background, surface, text, muted, grid, border, accent, and each status name. */
  colors?: Partial<Record<'background' | 'surface' | 'text' | 'muted' | 'grid' | 'border' | 'accent' | PlanStatus, string>>;
  /** CSS font-family list. */
  fontFamily?: string;
  /**
   * Multiplies every font size (0.5–3). Default: the host element's computed font size relative
   * to 16px (never below 1), so the reader's and the page's font settings carry over.
   */
  fontScale?: number;
  /** Large text for elderly readers: multiplies the font size by 1.25 (attribute `large-text`). */
  largeText?: boolean;
  /** Milliseconds before fetching `src` fails with a `fetch.timeout` error (default 15000; attribute `fetch-timeout`). */
  fetchTimeout?: number;
  /**
   * Show only matching indicators (empty lists filter nothing). Attributes `filter-status`,
   * `filter-section`, `filter-unit` take space- or comma-separated lists.
   */
  filter?: PlanFilter;
  /** The item with the keyboard focus ring: a hit's `key` (an indicator id, `status:atRisk`, `section:ID`, `unit:NAME`); "" for none. */
  focus?: string;
  /**
   * Where the WebAssembly module comes from (attribute `wasm-url` takes a URL). Default: the
   * page-wide setWasmSource() or `<meta name="plan-widget-wasm-url">`, else `plan_widget_bg.wasm`
   * beside the loader. The module loads once per page: the first widget to load decides.
   */
  wasmUrl?: WasmSource;
}

/**
 * A WebAssembly source: a URL (fetched; any content type works, `application/wasm` streams), a
 * Response or a promise of one, the bytes, or a compiled module.
 */
export type WasmSource = string | URL | Response | PromiseLike<Response> | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

/** Which indicators to show. */
export interface PlanFilter {
  sections?: string[];
  statuses?: PlanStatus[];
  units?: string[];
}

/** An interactive region of the canvas, in reading order, in CSS px. */
export interface PlanHit {
  type: 'indicator' | 'status' | 'section' | 'unit';
  /** The indicator or section id, the status name or the unit's name. */
  value: string;
  /** Names the region for `setOptions({focus})`. */
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The options in effect. */
export interface PlanCurrentOptions {
  view: 'dashboard' | 'sections' | 'indicator';
  indicator?: string;
  lang: 'zh-CN' | 'en';
  /** The theme drawn: "forced" under forced colours. */
  theme: 'light' | 'dark' | 'contrast' | 'forced' | string;
  fontScale: number;
  largeText: boolean;
  filter: Required<PlanFilter>;
  focus: string | null;
  /** True after a drill-down (Enter, click) that Escape or back() undoes. */
  canGoBack: boolean;
}

export type PlanStatus = 'achieved' | 'onTrack' | 'atRisk' | 'offTrack' | 'missed' | 'notDue' | 'noData';

/** The stable codes of problems in plan data (`plan-widget check --codes`, docs/limits.md). */
export type PlanDataCode =
  | 'syntax'
  | 'topLevel'
  | 'schemaVersion'
  | 'field.missing'
  | 'field.unknown'
  | 'field.type'
  | 'field.empty'
  | 'id.invalid'
  | 'id.duplicate'
  | 'section.unknown'
  | 'kind.unknown'
  | 'value.unknown'
  | 'period.invalid'
  | 'date.invalid'
  | 'plan.span'
  | 'kind.fieldNotAllowed'
  | 'kind.fieldRequired'
  | 'target.beforeBaseline'
  | 'period.order'
  | 'period.overlap'
  | 'value.percentRange'
  | 'target.minGreaterThanMax'
  | 'value.range'
  | 'limit.fileSize'
  | 'limit.sections'
  | 'limit.indicators'
  | 'limit.targets'
  | 'limit.actuals'
  | 'limit.totalActuals'
  | 'limit.stringLength'
  | 'limit.names'
  | 'url.notHttp'
  | 'key.duplicate'
  | 'text.hidden';

/** The stable codes of the errors the widget throws and reports: a problem in the data, or one of the widget's or the loader's own (docs/limits.md). */
export type PlanErrorCode =
  | PlanDataCode
  | 'data.type'
  | 'data.notJson'
  | 'data.unusable'
  | 'options.invalid'
  | 'render.noData'
  | 'render.canvas'
  | 'render.paint'
  | 'data.none'
  | 'fetch.status'
  | 'fetch.timeout'
  | 'fetch.network'
  | 'fetch.body'
  | 'fetch.contentType'
  | 'wasm.fetch'
  | 'wasm.unavailable'
  | 'internal.panic'
  | 'internal.error'
  | 'export.notReady';

/** A located problem in plan data. */
export interface PlanDiagnostic {
  severity: 'error' | 'warning';
  code: PlanDataCode;
  path: string;
  line: number | null;
  column: number | null;
  messageZh: string;
  messageEn: string;
}

/** What loading data reports. */
export interface PlanLoadReport {
  valid: boolean;
  planId: string;
  title: string;
  indicators: number;
  rejected: { index: number; id: string | null; name: string | null }[];
  diagnostics: PlanDiagnostic[];
}

/** Errors thrown and reported by the widget are real Errors with these fields. */
export interface PlanWidgetError extends Error {
  code: PlanErrorCode;
  path: string;
  line?: number;
  column?: number;
  messageZh?: string;
  messageEn?: string;
  diagnostics?: PlanDiagnostic[];
}

/** The handle mount() returns. */
export interface PlanWidgetHandle {
  /** Loads new data (a JSON string or an object); both go through the same validation. */
  update(data: string | object): Promise<PlanLoadReport>;
  /** Changes options and redraws. Throws a PlanWidgetError for bad options. */
  setOptions(options: PlanWidgetOptions): void;
  /** The options in effect (theme and font scale as resolved, filter, focus). */
  currentOptions(): PlanCurrentOptions;
  /** The interactive regions in reading order. */
  hits(): PlanHit[];
  /** Undoes the last drill-down (as Escape does); false when there is none. */
  back(): boolean;
  /** A PNG of the current view at 2×, with title, as-of date and source line. */
  toPNG(): Promise<Blob>;
  /** The indicators that pass the filter as CSV (header row in the widget's language, plain numbers). */
  toCSV(): string;
  /** Offers toCSV() as a download (UTF-8 with BOM); returns the file name. */
  downloadCSV(): string;
  /** Removes the widget, its listeners and observers, and frees its memory. */
  destroy(): void;
  /** Settles when the initial data has loaded (or failed). */
  ready: Promise<unknown>;
}

/**
 * Mounts a widget into an element. Give `data` (string or object) or `src` (URL). `linkState`
 * (`true`, or a key of its own) keeps view, indicator and filters in the URL fragment
 * (`#pw=indicator:ID`), as the element's `link-state` attribute does.
 */
export function mount(
  element: Element,
  options?: PlanWidgetOptions & { data?: string | object; src?: string; linkState?: boolean | string },
): PlanWidgetHandle;

/** Starts loading the WebAssembly module (if no widget has) and resolves once it is instantiated. */
export function ready(): Promise<unknown>;

/**
 * Sets the page-wide WebAssembly source for widgets that name none (`null` restores the default).
 * Call it before the first widget loads: right after importing the loader is early enough.
 */
export function setWasmSource(source: WasmSource | null): void;

declare global {
  interface HTMLElementTagNameMap {
    'plan-widget': HTMLElement &
      Pick<PlanWidgetHandle, 'update' | 'setOptions' | 'currentOptions' | 'hits' | 'back' | 'toPNG' | 'toCSV' | 'downloadCSV'>;
  }
  interface HTMLElementEventMap {
    /** A load finished: the picture and its text equivalent (the fallback content) are complete. */
    'plan-widget-ready': CustomEvent<{ planId: string; title: string; indicators: number; rejected: PlanLoadReport['rejected']; diagnostics: PlanDiagnostic[] }>;
    /** The canvas was redrawn (load, view, filter, resize, zoom, theme). */
    'plan-widget-render': CustomEvent<{ width: number; height: number; pixelRatio: number }>;
    'plan-widget-error': CustomEvent<{ code: PlanErrorCode; message: string; path: string; error: PlanWidgetError }>;
    /** An indicator was clicked, tapped twice or entered; cancelable: preventDefault() keeps the widget from opening its view. */
    'plan-widget-select': CustomEvent<{ id: string }>;
    /** The view changed inside the widget (a drill-down or going back). */
    'plan-widget-view': CustomEvent<{ view: string; indicator?: string; filter: Required<PlanFilter>; canGoBack: boolean }>;
    /** A status segment of the summary bar toggled the filter. */
    'plan-widget-filter': CustomEvent<{ filter: Required<PlanFilter> }>;
    /** The data was offered as a file. */
    'plan-widget-download': CustomEvent<{ format: 'csv'; filename: string }>;
  }
}

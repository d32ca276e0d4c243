// TypeScript declarations for the plan-widget loader (plan-widget.js).

/** Options accepted by mount(), setOptions() and (as attributes) <plan-widget>. */
export interface PlanWidgetOptions {
  /** Which view to draw. Default "dashboard". */
  view?: 'dashboard' | 'sections' | 'indicator';
  /** Indicator id for view "indicator". */
  indicator?: string;
  /** Label language. Default: the plan's locale (zh-CN). */
  lang?: 'zh-CN' | 'en';
  /** Built-in theme. Default "light". */
  theme?: 'light' | 'dark' | 'contrast';
  /** Evaluate statuses as of this date (YYYY-MM-DD). Default: the plan's asOf, else today. */
  asOf?: string;
  /** Colour overrides: background, surface, text, muted, grid, border, accent, and each status name. */
  colors?: Partial<Record<'background' | 'surface' | 'text' | 'muted' | 'grid' | 'border' | 'accent' | PlanStatus, string>>;
  /** CSS font-family list. */
  fontFamily?: string;
  /** Multiplies every font size (0.5–3). */
  fontScale?: number;
  /** Show only matching indicators. */
  filter?: { sections?: string[]; statuses?: PlanStatus[]; units?: string[] };
}

export type PlanStatus = 'achieved' | 'onTrack' | 'atRisk' | 'offTrack' | 'missed' | 'notDue' | 'noData';

/** A located problem in plan data. */
export interface PlanDiagnostic {
  severity: 'error' | 'warning';
  code: string;
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
  code: string;
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
  /** A PNG of the current view at 2×, with title, as-of date and source line. */
  toPNG(): Promise<Blob>;
  /** Removes the widget, its listeners and observers, and frees its memory. */
  destroy(): void;
  /** Settles when the initial data has loaded (or failed). */
  ready: Promise<unknown>;
}

/** Mounts a widget into an element. Give `data` (string or object) or `src` (URL). */
export function mount(element: Element, options?: PlanWidgetOptions & { data?: string | object; src?: string }): PlanWidgetHandle;

/** Resolves when the WebAssembly module has been instantiated. */
export function ready(): Promise<unknown>;

declare global {
  interface HTMLElementTagNameMap {
    'plan-widget': HTMLElement & Pick<PlanWidgetHandle, 'update' | 'setOptions' | 'toPNG'>;
  }
  interface HTMLElementEventMap {
    'plan-widget-ready': CustomEvent<{ planId: string; title: string; indicators: number; rejected: PlanLoadReport['rejected']; diagnostics: PlanDiagnostic[] }>;
    'plan-widget-error': CustomEvent<{ code: string; message: string; path: string; error: PlanWidgetError }>;
    'plan-widget-select': CustomEvent<{ id: string }>;
  }
}

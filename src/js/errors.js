// The loader's errors: an Error with a stable code and both languages' messages.

/** An Error with a stable code, shown to people and given to listeners. */
export function widgetError(code, zh, en, extra = {}) {
  const lang = extra.lang || 'zh-CN';
  const e = new Error(lang === 'en' ? en : zh);
  e.code = code;
  e.path = extra.path || '';
  e.messageZh = zh;
  e.messageEn = en;
  return e;
}

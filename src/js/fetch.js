// Fetching a plan's JSON for the `src` attribute or option: one request, never retried.

import { widgetError } from './errors.js';

/**
 * Fetches `url` as text with `abort` (an AbortController: a newer load or destroy() aborts it),
 * giving up after `timeoutMs`. Every failure is thrown as a coded error in `lang`:
 * `fetch.status` (404, 500, …), `fetch.timeout`, `fetch.network` (network down or cross-origin
 * request refused: the browser does not say which), `fetch.body` (the download broke off) and
 * `fetch.contentType` (an HTML page, e.g. a login or error page, where the JSON should be). A
 * JSON body is read whatever its content type; one served as text/html gets a console warning.
 */
export async function fetchText(url, abort, timeoutMs, lang) {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const timer = setTimeout(() => abort.abort('timeout'), timeoutMs);
  let stage = 'fetch';
  try {
    const response = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
    if (!response.ok) {
      const s = response.status;
      const why = s === 404 ? ['（文件不存在）', ' (not found)'] : s >= 500 ? ['（服务器错误）', ' (server error)'] : ['', ''];
      throw widgetError(
        'fetch.status',
        `无法加载数据文件 ${url}：服务器返回 ${s}${why[0]}`,
        `cannot load the data file ${url}: the server answered ${s}${why[1]}`,
        { lang, path: url },
      );
    }
    stage = 'body';
    const text = await response.text();
    const type = (response.headers.get('content-type') || '').toLowerCase();
    if (/^\s*text\/html/.test(type)) {
      if (/^[\s\ufeff]*</.test(text)) {
        throw widgetError(
          'fetch.contentType',
          `数据文件 ${url} 返回的是网页（text/html），不是 JSON：地址是否有误，或服务器返回了登录页、错误页？`,
          `the data file ${url} is a web page (text/html), not JSON: is the address wrong, or did the server send a login or error page?`,
          { lang, path: url },
        );
      }
      console.warn(`plan-widget: ${url} is served as ${type}; reading it as JSON (serve it as application/json)`);
    }
    return text;
  } catch (e) {
    if (e && e.code) throw e;
    const [code, zh, en] = abort.signal.aborted
      ? ['fetch.timeout', `加载数据文件 ${url} 超时（${seconds} 秒）`, `loading the data file ${url} timed out after ${seconds} s`]
      : stage === 'body'
        ? ['fetch.body', `数据文件 ${url} 下载中断，内容不完整`, `the download of the data file ${url} broke off before the end`]
        : ['fetch.network', `无法加载数据文件 ${url}：网络错误或跨域请求被拒绝`, `cannot load the data file ${url}: network error or cross-origin request refused`];
    const err = widgetError(code, zh, en, { lang, path: url });
    err.cause = e;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

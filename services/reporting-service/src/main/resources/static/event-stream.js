/*
 * Server-sent events over fetch. EventSource cannot send an Authorization header, so the donor
 * dashboard reads GET /api/v1/dashboards/stream with fetch and a ReadableStream instead:
 *   createParser(onEvent, onRetry)  incremental text/event-stream parser (the WHATWG HTML rules: "event:",
 *                                   "data:" (several lines joined by \n), "id:", "retry:", ":" comments,
 *                                   lines ending in \n, \r\n or \r, split anywhere across chunks)
 *   connect(url, options)           reads the stream and reconnects: after the server's "retry:" delay
 *                                   when a stream ends, with exponential back-off (and jitter) while
 *                                   connecting fails, and when nothing (not even a heartbeat) arrives
 *                                   for options.idleTimeout ms. options.fetch is the fetch to use (the
 *                                   page's signed-in fetch, which shows the sign-in dialog on a 401).
 * Works in browsers (window.SpmonitorEventStream) and in node (module.exports) for its unit test.
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.SpmonitorEventStream = api;
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  function createParser(onEvent, onRetry) {
    let buffer = '';
    let skipLineFeed = false;   // the last chunk ended in \r: a \n opening the next one belongs to it
    let data = [];
    let type = '';
    let lastEventId = '';

    function dispatch() {
      if (data.length === 0) {
        type = '';
        return;
      }
      const event = { type: type || 'message', data: data.join('\n'), lastEventId };
      data = [];
      type = '';
      onEvent(event);
    }

    function line(text) {
      if (text === '') {
        dispatch();
        return;
      }
      if (text.charAt(0) === ':') {
        return; // a comment: the server's heartbeat
      }
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.substring(0, colon);
      let value = colon < 0 ? '' : text.substring(colon + 1);
      if (value.charAt(0) === ' ') {
        value = value.substring(1);
      }
      if (field === 'event') {
        type = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id') {
        if (value.indexOf('\u0000') < 0) { lastEventId = value; }
      } else if (field === 'retry') {
        if (/^\d+$/.test(value) && onRetry) { onRetry(Number(value)); }
      }
    }

    return {
      feed(chunk) {
        const text = buffer + chunk;
        buffer = '';
        let start = 0;
        if (skipLineFeed && text.charAt(0) === '\n') {
          start = 1;
        }
        skipLineFeed = false;
        for (let i = start; i < text.length; i++) {
          const c = text.charAt(i);
          if (c === '\n' || c === '\r') {
            line(text.substring(start, i));
            if (c === '\r') {
              if (i + 1 === text.length) {
                skipLineFeed = true;
              } else if (text.charAt(i + 1) === '\n') {
                i++;
              }
            }
            start = i + 1;
          }
        }
        buffer = text.substring(start);
      },
      /** The stream ended: an event not closed by an empty line is dropped, as EventSource does. */
      end() {
        buffer = '';
        data = [];
        type = '';
        skipLineFeed = false;
      }
    };
  }

  function connect(url, options) {
    const settings = Object.assign({
      fetch: (u, o) => fetch(u, o),
      onOpen() {},
      onEvent() {},
      onError() {},
      minDelay: 1000,
      maxDelay: 30000,
      idleTimeout: 45000
    }, options || {});
    let stopped = false;
    let controller = null;
    let retry = null;          // the server's "retry:" advice
    let failures = 0;          // attempts in a row that did not open a stream
    let wake = null;

    function pause(ms) {
      return new Promise(resolve => {
        const timer = setTimeout(resolve, ms);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }

    async function readOnce() {
      controller = new AbortController();
      let opened = false;
      let idle = null;
      const restartIdle = () => {
        clearTimeout(idle);
        const current = controller;
        idle = setTimeout(() => current.abort(), settings.idleTimeout);
      };
      try {
        const response = await settings.fetch(url, {
          headers: { Accept: 'text/event-stream' },
          cache: 'no-store',
          signal: controller.signal
        });
        const type = response.headers.get('Content-Type') || '';
        if (!response.ok || !response.body || type.indexOf('text/event-stream') !== 0) {
          throw new Error('the event stream answered ' + response.status + ' ' + type);
        }
        opened = true;
        failures = 0;
        settings.onOpen();
        const parser = createParser(settings.onEvent, ms => { retry = ms; });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        restartIdle();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) { break; }
          restartIdle();
          parser.feed(decoder.decode(value, { stream: true }));
        }
        parser.end();
      } catch (error) {
        // aborted (stopped, or idle for too long), refused, or the network failed: reconnect below
      } finally {
        clearTimeout(idle);
      }
      return opened;
    }

    (async () => {
      while (!stopped) {
        const opened = await readOnce();
        if (stopped) { return; }
        failures = opened ? 0 : failures + 1;
        settings.onError({ opened, failures });
        const base = Math.max(retry || settings.minDelay, 100);
        const backOff = failures === 0 ? base : Math.min(settings.maxDelay, base * Math.pow(2, failures - 1));
        await pause(backOff * (0.8 + Math.random() * 0.4));
      }
    })();

    return {
      close() {
        stopped = true;
        if (controller) { controller.abort(); }
        if (wake) { wake(); }
      }
    };
  }

  return { createParser, connect };
}));

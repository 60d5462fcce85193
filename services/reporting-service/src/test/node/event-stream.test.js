'use strict';
/*
 * The donor page's fetch-based server-sent events reader (src/main/resources/static/event-stream.js),
 * without a browser: `node --test event-stream.test.js` (run by EventStreamReaderTest).
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { createParser, connect } = require('../../main/resources/static/event-stream.js');

function parse(chunks) {
  const events = [];
  const retries = [];
  const parser = createParser(e => events.push(e), ms => retries.push(ms));
  chunks.forEach(chunk => parser.feed(chunk));
  return { events, retries, parser };
}

test('reads named events with JSON data as Spring SseEmitter writes them', () => {
  const { events, retries } = parse([':subscribed\nretry:3000\n\n',
    'event:dashboard-updated\ndata:{"country":"KHM","year":2025}\n\n']);
  assert.deepEqual(retries, [3000]);
  assert.deepEqual(events, [{ type: 'dashboard-updated', data: '{"country":"KHM","year":2025}', lastEventId: '' }]);
});

test('joins data lines, strips one space after the colon, defaults the type to message', () => {
  const { events } = parse(['data: first\ndata:  second\nid: 7\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: 'first\n second', lastEventId: '7' }]);
});

test('reassembles lines and events split anywhere across chunks, with LF, CRLF or CR endings', () => {
  const stream = 'event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n';
  for (let size = 1; size <= stream.length; size++) {
    const chunks = [];
    for (let i = 0; i < stream.length; i += size) { chunks.push(stream.substring(i, i + size)); }
    const { events } = parse(chunks);
    assert.deepEqual(events.map(e => e.type + '=' + e.data), ['a=1', 'b=2', 'message=3'], 'chunks of ' + size);
  }
});

test('ignores comments, unknown fields, bad retries and events without data', () => {
  const { events, retries } = parse([': heartbeat\n\nevent: empty\n\nfoo: bar\nretry: soon\ndata\n\n']);
  assert.deepEqual(retries, []);
  assert.deepEqual(events, [{ type: 'message', data: '', lastEventId: '' }]);
});

test('drops an event the stream ended in the middle of', () => {
  const { events, parser } = parse(['event: cut\ndata: half']);
  parser.end();
  parser.feed('\n\n');
  assert.deepEqual(events, []);
});

test('connects with the given fetch, delivers events, and reconnects after the stream ends', async () => {
  let connections = 0;
  const server = http.createServer((request, response) => {
    connections++;
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    response.write('retry: 50\n\n');
    response.end('event: n\ndata: ' + connections + '\n\n');
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = 'http://127.0.0.1:' + server.address().port + '/stream';
  const seen = [];
  const headers = [];
  let opened = 0;
  const stream = await new Promise(resolve => {
    const s = connect(url, {
      fetch: (u, options) => {
        headers.push(new Headers(options.headers).get('Accept'));
        return fetch(u, options);
      },
      onOpen: () => { opened++; },
      onEvent: e => { seen.push(e.data); if (seen.length === 3) { resolve(s); } }
    });
  });
  stream.close();
  server.close();
  assert.deepEqual(seen, ['1', '2', '3']);
  assert.equal(opened, 3);
  assert.ok(headers.every(h => h === 'text/event-stream'));
});

test('backs off while connecting fails, then recovers', async () => {
  const attempts = [];
  const failures = [];
  await new Promise(resolve => {
    const stream = connect('http://127.0.0.1:1/stream', {
      minDelay: 20,
      maxDelay: 1000,
      fetch: async () => {
        attempts.push(Date.now());
        if (attempts.length < 4) { return new Response('nope', { status: 503 }); }
        return new Response('event: ok\ndata: yes\n\n', { headers: { 'Content-Type': 'text/event-stream' } });
      },
      onError: e => failures.push(e.failures),
      onEvent: () => { stream.close(); resolve(); }
    });
  });
  assert.deepEqual(failures, [1, 2, 3]);
  const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
  assert.ok(gaps[2] > gaps[0], 'delays grow: ' + gaps.join(', '));
});

test('gives up a stream on which nothing arrives, not even a heartbeat, and connects again', async () => {
  let connections = 0;
  const server = http.createServer((request, response) => {
    connections++;
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    response.write(':subscribed\n\n'); // then silence
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const stream = connect('http://127.0.0.1:' + server.address().port + '/stream', { idleTimeout: 100, minDelay: 10 });
  const deadline = Date.now() + 5000;
  while (connections < 2 && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  stream.close();
  server.closeAllConnections();
  server.close();
  assert.ok(connections >= 2, 'connections: ' + connections);
});

'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { handler, rewrite } = require('./index.js');

test('rewrite', async (t) => {
  const tests = [
    { name: 'root', give: '/', want: '/index.html' },
    { name: 'directory with slash', give: '/docs/', want: '/docs/index.html' },
    { name: 'directory without slash', give: '/docs/guide', want: '/docs/guide/index.html' },
    { name: 'file is kept', give: '/css/site.css', want: '/css/site.css' },
    { name: 'dot in a parent folder', give: '/v1.2/notes', want: '/v1.2/notes/index.html' },
    { name: 'empty uri', give: '', want: '/index.html' },
  ];
  for (const { name, give, want } of tests) {
    await t.test(name, () => assert.strictEqual(rewrite(give), want));
  }
});

test('handler returns the request with its uri rewritten', async () => {
  const request = { uri: '/docs/', method: 'GET', headers: {} };
  const log = console.log;
  console.log = () => {};
  try {
    const got = await handler({ Records: [{ cf: { request } }] });
    assert.deepStrictEqual(got, { uri: '/docs/index.html', method: 'GET', headers: {} });
  } finally {
    console.log = log;
  }
});

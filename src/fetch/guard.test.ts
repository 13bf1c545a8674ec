import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DossierError } from '../model/index.js';
import { AddressGuard, refusal } from './guard.js';
import { Fetcher } from './fetcher.js';
import { send, startServer } from './test-server.js';

const blocked = (e: unknown): boolean => e instanceof DossierError && e.code === 'E_FETCH_BLOCKED';

// Every spelling of a loopback, private, link-local, CGNAT, multicast, unspecified or metadata address.
const REFUSED_URLS = [
  'http://127.0.0.1/', 'http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://017700000001/', 'http://0x7f.0.0.1/', 'http://0177.0.0.1/',
  'http://127.000.000.001/', 'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/',
  'http://[::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[2002:7f00:1::]/', 'http://[::ffff:169.254.169.254]/',
  'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/', 'http://0xa9fea9fe/',
  'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://100.64.0.1/', 'http://100.127.255.254/', 'http://224.0.0.1/', 'http://[ff02::1]/',
  'http://0.0.0.0/', 'http://0/', 'http://[::]/', 'http://255.255.255.255/', 'https://127.0.0.1:8443/x',
  // Teredo (hides an IPv4 client), documentation, benchmarking and reserved ranges.
  'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'http://[2001:db8::1]/', 'http://198.18.0.1/', 'http://240.0.0.1/', 'http://192.0.2.1/',
];

test('the guard refuses every spelling of a non-public address before any socket is opened', () => {
  const g = new AddressGuard();
  for (const url of REFUSED_URLS) assert.throws(() => g.checkUrl(url), blocked, url);
});

test('the guard lets public addresses and names through its URL check', () => {
  const g = new AddressGuard();
  for (const url of ['http://8.8.8.8/', 'https://[2606:4700:4700::1111]/', 'https://news.example.com/a?b=c', 'http://100.128.0.1/', 'http://[::ffff:8.8.8.8]/']) {
    assert.equal(g.checkUrl(url).protocol.startsWith('http'), true, url);
  }
  assert.equal(refusal('93.184.216.34'), null);
  assert.equal(refusal('100.63.255.255'), null);
  assert.equal(refusal('100.64.0.0'), 'carrierGradeNat');
});

test('only http and https are fetched; URLs with credentials are not', () => {
  const g = new AddressGuard();
  for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'gopher://example.com/', 'data:text/html,hi', 'javascript:alert(1)', 'http://user:pw@example.com/']) {
    assert.throws(() => g.checkUrl(url), blocked, url);
  }
  assert.throws(() => g.checkUrl('not a url'), (e) => e instanceof DossierError && e.code === 'E_USAGE');
});

test('--allow-private lifts the guard for the named range only', () => {
  const g = new AddressGuard({ allowPrivate: ['127.0.0.0/8'] });
  assert.doesNotThrow(() => g.checkUrl('http://127.0.0.1/'));
  assert.doesNotThrow(() => g.checkUrl('http://127.1/'));
  assert.doesNotThrow(() => g.checkUrl('http://[::ffff:127.0.0.1]/'), 'a mapped address is judged by the IPv4 address it carries');
  assert.throws(() => g.checkUrl('http://10.0.0.1/'), blocked);
  assert.throws(() => g.checkUrl('http://169.254.169.254/'), blocked);
  assert.throws(() => g.checkUrl('http://[::1]/'), blocked, '::1 is not in 127.0.0.0/8');
  const v6 = new AddressGuard({ allowPrivate: ['::1/128', 'fd00::/8'] });
  assert.doesNotThrow(() => v6.checkUrl('http://[::1]/'));
  assert.doesNotThrow(() => v6.checkUrl('http://[fd00:ec2::254]/'));
  assert.throws(() => v6.checkUrl('http://127.0.0.1/'), blocked);
  assert.throws(() => new AddressGuard({ allowPrivate: ['127.0.0.0/99'] }), (e) => e instanceof DossierError && e.code === 'E_USAGE' && /127\.0\.0\.0\/99/.test(e.message));
});

test('a name that resolves to a private address is refused at connect time; nothing reaches the server', async () => {
  const srv = await startServer({ '*': send('<html><body><p>secret</p></body></html>') });
  const port = new URL(srv.origin).port;
  const lookups: string[] = [];
  const f = new Fetcher({ robots: false, hostIntervalMs: 0, retries: 0, resolve: async (h) => (lookups.push(h), ['127.0.0.1']) });
  try {
    await assert.rejects(f.get(`http://rebind.example:${port}/`), blocked);
    // The system resolver: localhost is loopback.
    await assert.rejects(new Fetcher({ robots: false, retries: 0 }).get(`http://localhost:${port}/`), blocked);
    // One private answer among public ones refuses the name (a round-robin cannot smuggle it in).
    const mixed = new Fetcher({ robots: false, retries: 0, resolve: async () => ['8.8.8.8', '10.1.2.3'] });
    await assert.rejects(mixed.get(`http://mixed.example:${port}/`), blocked);
    await mixed.close();
    assert.deepEqual(lookups, ['rebind.example']);
    assert.equal(srv.log.length, 0);
  } finally {
    await f.close();
    await srv.close();
  }
});

test('the connection goes to the address the guard checked (pinned), with the name in the Host header', async () => {
  const srv = await startServer({ '/a': send('<html><body><p>hello</p></body></html>') });
  const port = new URL(srv.origin).port;
  let calls = 0;
  // The answer changes after the first lookup, as a rebinding server's would; the socket never asks again.
  const f = new Fetcher({ robots: false, hostIntervalMs: 0, allowPrivate: ['127.0.0.1/32'], resolve: async () => (calls++ === 0 ? ['127.0.0.1'] : ['10.9.9.9']) });
  try {
    const r = await f.get(`http://pinned.example:${port}/a`);
    assert.equal(r.status, 200);
    assert.equal(srv.log[0]!.headers.host, `pinned.example:${port}`);
    assert.equal(calls, 1);
  } finally {
    await f.close();
    await srv.close();
  }
});

test('a redirect to a private or metadata address is refused, however it is spelled', async () => {
  const srv = await startServer({ '/ok': send('<html><body><p>fine</p></body></html>') });
  const port = new URL(srv.origin).port;
  const targets = ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:a9fe:a9fe]/', 'http://10.0.0.1/', `http://0x7f000001:${port}/ok`, 'file:///etc/passwd', `http://[::1]:${port}/ok`];
  targets.forEach((t, i) => srv.routes.set(`/r${i}`, send('', { location: t }, 302)));
  const f = new Fetcher({ robots: false, hostIntervalMs: 0, allowPrivate: ['127.0.0.1/32'] });
  try {
    for (let i = 0; i < targets.length; i++) {
      // 0x7f000001 is 127.0.0.1, which this run allows: that redirect is followed.
      if (targets[i]!.startsWith('http://0x7f')) {
        assert.equal((await f.get(`${srv.origin}/r${i}`)).url, `${srv.origin}/ok`);
        continue;
      }
      await assert.rejects(f.get(`${srv.origin}/r${i}`), blocked, targets[i]);
    }
  } finally {
    await f.close();
    await srv.close();
  }
});

import { clientAddress, compileTrust, normaliseIp, rateLimitKey } from '../../src/foundation/client-ip';

describe('normaliseIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    [' 2001:db8::1 ', '2001:db8::1'],
    ['unknown', null],
    ['', null],
    ['999.1.1.1', null],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseIp(raw)).toBe(expected);
  });
});

describe('compileTrust', () => {
  it('matches IPs, CIDRs (IPv4 and IPv6) and keywords', () => {
    const trust = compileTrust(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32', 'loopback']);
    expect(trust('10.1.2.3')).toBe(true);
    expect(trust('::ffff:10.1.2.3')).toBe(true);
    expect(trust('11.0.0.1')).toBe(false);
    expect(trust('192.0.2.10')).toBe(true);
    expect(trust('192.0.2.11')).toBe(false);
    expect(trust('2001:db8:1::5')).toBe(true);
    expect(trust('2001:db9::5')).toBe(false);
    expect(trust('127.0.0.1')).toBe(true);
    expect(trust('::1')).toBe(true);
    expect(trust('not-an-ip')).toBe(false);
  });

  it('trusts nothing by default', () => {
    const trust = compileTrust([]);
    expect(trust('127.0.0.1')).toBe(false);
    expect(trust('10.0.0.1')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x'])('refuses %s with a Chinese message', (entry) => {
    expect(() => compileTrust([entry])).toThrow(`TRUSTED_PROXIES 中的“${entry}”无效`);
  });
});

describe('clientAddress', () => {
  const trust = compileTrust(['10.0.0.0/8']);

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.9', '1.2.3.4', compileTrust([]))).toBe('198.51.100.9');
    expect(clientAddress('::ffff:198.51.100.9', undefined, compileTrust([]))).toBe('198.51.100.9');
  });

  it('ignores X-Forwarded-For from an untrusted peer (spoofing)', () => {
    expect(clientAddress('198.51.100.9', '1.2.3.4, 10.0.0.2', trust)).toBe('198.51.100.9');
  });

  it('behind a trusted proxy: the right-most untrusted address', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.7', trust)).toBe('203.0.113.7');
    // a client sending a forged header through the proxy: the proxy appends the real address
    expect(clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.7', trust)).toBe('203.0.113.7');
    // two trusted proxies in a row
    expect(clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.7, 10.0.0.5', trust)).toBe('203.0.113.7');
    // several headers are one list
    expect(clientAddress('10.0.0.1', ['1.2.3.4', '203.0.113.7, 10.0.0.5'], trust)).toBe('203.0.113.7');
  });

  it('stops at the proxy when the header is missing, all trusted or garbage', () => {
    expect(clientAddress('10.0.0.1', undefined, trust)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '10.0.0.7, 10.0.0.5', trust)).toBe('10.0.0.7');
    expect(clientAddress('10.0.0.1', '203.0.113.7, garbage', trust)).toBe('10.0.0.1');
  });
});

describe('rateLimitKey', () => {
  it('keeps IPv4 and groups IPv6 by /64', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('2001:db8:abcd:12:1::5')).toBe('2001:db8:abcd:12::/64');
    expect(rateLimitKey('2001:db8:abcd:12:ffff:1:2:3')).toBe('2001:db8:abcd:12::/64');
    expect(rateLimitKey('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey('unknown')).toBe('unknown');
  });
});

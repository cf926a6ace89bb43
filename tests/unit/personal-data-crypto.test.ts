/** Issue 14: encryption of applicant data at rest (src/requests/personal-data/crypto.ts) and masking (mask.ts). */
import crypto from 'crypto';
import { blindIndex, decryptValue, deriveKeys, encryptValue, isEncrypted, PersonalDataCryptoError, sm4GcmAvailable } from '../../src/requests/personal-data/crypto';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../src/requests/personal-data/mask';

const MASTER = 'test-encryption-key-0123456789';

describe('AES-256-GCM (default suite)', () => {
  const keys = deriveKeys(MASTER, undefined);
  it('round-trips UTF-8 and stores a versioned base64url string with a 96-bit IV and a 128-bit tag', () => {
    const v = encryptValue(keys, '张三 11010519491231002X');
    expect(v).toMatch(/^enc:v1:a256gcm:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(v.split(':')[3], 'base64url')).toHaveLength(12);
    expect(decryptValue(keys, v)).toBe('张三 11010519491231002X');
    expect(isEncrypted(v)).toBe(true);
  });
  it('uses a fresh IV each time', () => {
    expect(encryptValue(keys, '张三')).not.toBe(encryptValue(keys, '张三'));
  });
  it('refuses a tampered value or another key', () => {
    const v = encryptValue(keys, '13812341234');
    const parts = v.split(':');
    const ct = Buffer.from(parts[5], 'base64url');
    ct[0] ^= 1;
    parts[5] = ct.toString('base64url');
    expect(() => decryptValue(keys, parts.join(':'))).toThrow(PersonalDataCryptoError);
    expect(() => decryptValue(deriveKeys('another-key-abcdefghijkl', undefined), v)).toThrow('个人信息密文校验失败（密钥不符或数据被篡改）');
  });
  it('derives the key with HKDF-SHA256 and a fixed label', () => {
    const expected = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(MASTER), Buffer.alloc(0), Buffer.from('gov-disclosure/personal-data/a256gcm/v1'), 32));
    expect(keys.aes.equals(expected)).toBe(true);
  });
  it('returns values that are not enc: as they are (legacy rows, the anonymisation marker)', () => {
    expect(decryptValue(keys, '已匿名化')).toBe('已匿名化');
  });
  it('keyed hash: stable, normalised, key-dependent', () => {
    expect(blindIndex(keys, ' 11010519491231002x')).toBe(blindIndex(keys, '11010519491231002X'));
    expect(blindIndex(keys, '11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(deriveKeys('another-key-abcdefghijkl', undefined), '11010519491231002X')).not.toBe(blindIndex(keys, '11010519491231002X'));
  });
  it('refuses to start without ENCRYPTION_KEY', () => {
    expect(() => deriveKeys('', undefined)).toThrow('未配置 ENCRYPTION_KEY，无法加密申请人个人信息');
  });
});

describe('国密 suite (CRYPTO_SUITE=sm)', () => {
  const keys = deriveKeys(MASTER, 'sm');
  it(`round-trips with ${sm4GcmAvailable() ? 'SM4-GCM' : 'SM4-CTR + HMAC-SM3 (this OpenSSL has no sm4-gcm)'}`, () => {
    const v = encryptValue(keys, '北京市海淀区中关村大街1号');
    expect(v).toMatch(sm4GcmAvailable() ? /^enc:v1:sm4gcm:/ : /^enc:v1:sm4ctr-hsm3:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}:/);
    expect(decryptValue(keys, v)).toBe('北京市海淀区中关村大街1号');
  });
  it('SM4-CTR ciphertext is the SM4 keystream under the HKDF-derived 128-bit key, and the MAC is HMAC-SM3', () => {
    if (sm4GcmAvailable()) {
      // stated plainly: with SM4-GCM the CTR+HMAC construction is not used on this machine
      expect(encryptValue(keys, 'x')).toMatch(/^enc:v1:sm4gcm:/);
      return;
    }
    const v = encryptValue(keys, '13812341234');
    const [, , , ivs, tags, cts] = v.split(':');
    const d = crypto.createDecipheriv('sm4-ctr', keys.smEnc, Buffer.from(ivs, 'base64url'));
    expect(Buffer.concat([d.update(Buffer.from(cts, 'base64url')), d.final()]).toString()).toBe('13812341234');
    const mac = crypto.createHmac('sm3', keys.smMac).update(`sm4ctr-hsm3:${ivs}:${cts}`).digest('base64url');
    expect(tags).toBe(mac);
    const tampered = v.slice(0, -2) + (v.endsWith('A') ? 'BA' : 'AA');
    expect(() => decryptValue(keys, tampered)).toThrow('个人信息密文校验失败（HMAC-SM3）');
  });
  it('values written under one suite stay readable under the other', () => {
    const aes = deriveKeys(MASTER, undefined);
    expect(decryptValue(keys, encryptValue(aes, '张三'))).toBe('张三');
    expect(decryptValue(aes, encryptValue(keys, '张三'))).toBe('张三');
  });
});

describe('masks', () => {
  it('names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('王')).toBe('*');
  });
  it('ID numbers and 统一社会信用代码', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('91110000100000000A')).toBe('911***********000A');
  });
  it('phones', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
  });
  it('e-mail', () => {
    expect(maskEmail('alice@x.cn')).toBe('a***@x.cn');
  });
  it('address only to the district', () => {
    expect(maskAddress('北京市海淀区中关村大街1号')).toBe('北京市海淀区***');
    expect(maskAddress('广东省深圳市南山区科技园路2号')).toBe('广东省深圳市南山区***');
    expect(maskAddress('内蒙古自治区呼和浩特市新城区新华大街')).toBe('内蒙古自治区呼和浩特市新城区***');
    expect(maskAddress('江苏省苏州市昆山市前进路')).toBe('江苏省苏州市昆山市***');
    expect(maskAddress('某某路3号')).toBe('***');
  });
});

describe('retention helpers', () => {
  // imported lazily: retention.ts pulls in Strapi-side modules
  const { cutoffDate, anonymiseLetter } = require('../../src/requests/personal-data/retention');
  it('cutoff: N years before today, 29 February → 28 February', () => {
    expect(cutoffDate('2026-06-01', 5)).toBe('2021-06-01');
    expect(cutoffDate('2024-02-29', 5)).toBe('2019-02-28');
  });
  it('a letter: only the salutation “<name>：” is replaced, other occurrences of a short name stay', async () => {
    const JSZip = require('jszip');
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:t>青山：</w:t><w:t>青山县人民政府</w:t><w:t>A&amp;B：</w:t>');
    const buf = await zip.generateAsync({ type: 'nodebuffer' });
    const out = await anonymiseLetter(buf.toString('base64'), '青山');
    const xml = await (await JSZip.loadAsync(out)).file('word/document.xml').async('string');
    expect(xml).toBe('<w:t>已匿名化：</w:t><w:t>青山县人民政府</w:t><w:t>A&amp;B：</w:t>');
    expect(await anonymiseLetter(buf.toString('base64'), 'A&B')).not.toBeNull();
    expect(await anonymiseLetter(buf.toString('base64'), '李四')).toBeNull();
    expect(await anonymiseLetter(buf.toString('base64'), '已匿名化')).toBeNull();
  });
});

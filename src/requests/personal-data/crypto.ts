/**
 * 申请人个人信息 at rest (issue 14, 个人信息保护法第五十一条 / 等保 2.0 数据保密性).
 *
 * Every personal field is stored as one versioned string:
 *   enc:v1:a256gcm:<iv>:<tag>:<ciphertext>         (default suite)
 *   enc:v1:sm4ctr-hsm3:<iv>:<tag>:<ciphertext>     (CRYPTO_SUITE=sm, OpenSSL without SM4-GCM)
 *   enc:v1:sm4gcm:<iv>:<tag>:<ciphertext>          (CRYPTO_SUITE=sm, OpenSSL with SM4-GCM)
 * base64url parts. AES-256-GCM with a random 96-bit IV and a 128-bit tag. SM4 (GB/T 32907) has a
 * 128-bit key: SM4-GCM when the platform's OpenSSL offers it; otherwise SM4-CTR (random 128-bit
 * counter block) followed by HMAC-SM3 over `suite:iv:ciphertext` (encrypt-then-MAC, tag = the full
 * 256-bit MAC), with separate encryption and MAC keys.
 *
 * Keys: HKDF-SHA256 from env ENCRYPTION_KEY (required by Strapi, config/admin.ts), empty salt, fixed
 * info labels (below); one key per purpose. Decryption looks at the suite in the value, so rows written
 * under either suite stay readable after CRYPTO_SUITE changes. Changing ENCRYPTION_KEY makes every
 * stored value unreadable: rotate only with a re-encryption (not built).
 */
import crypto from 'crypto';

export const ENC_PREFIX = 'enc:';
export type Suite = 'aes' | 'sm';

const INFO = {
  aes: 'gov-disclosure/personal-data/a256gcm/v1',
  smEnc: 'gov-disclosure/personal-data/sm4/v1',
  smMac: 'gov-disclosure/personal-data/hmac-sm3/v1',
  index: 'gov-disclosure/personal-data/blind-index/v1',
} as const;

export class PersonalDataCryptoError extends Error {}

export function sm4GcmAvailable(): boolean {
  return crypto.getCiphers().includes('sm4-gcm');
}
export function sm4Available(): boolean {
  const c = crypto.getCiphers();
  return c.includes('sm4-ctr') && crypto.getHashes().includes('sm3');
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

export interface PersonalDataKeys {
  suite: Suite;
  aes: Buffer;
  smEnc: Buffer;
  smMac: Buffer;
  index: Buffer;
}

function hkdf(master: string, info: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.alloc(0), Buffer.from(info, 'utf8'), length));
}

/** The keys derived from ENCRYPTION_KEY (or `master`) and the suite of CRYPTO_SUITE ('sm' → SM4, else AES). */
export function deriveKeys(master: string | undefined = process.env.ENCRYPTION_KEY, suiteName: string | undefined = process.env.CRYPTO_SUITE): PersonalDataKeys {
  if (!master) throw new PersonalDataCryptoError('未配置 ENCRYPTION_KEY，无法加密申请人个人信息');
  const suite: Suite = String(suiteName ?? '').toLowerCase() === 'sm' ? 'sm' : 'aes';
  if (suite === 'sm' && !sm4Available()) throw new PersonalDataCryptoError('CRYPTO_SUITE=sm：本机 OpenSSL 不提供 SM4/SM3，无法使用国密算法');
  return { suite, aes: hkdf(master, INFO.aes, 32), smEnc: hkdf(master, INFO.smEnc, 16), smMac: hkdf(master, INFO.smMac, 32), index: hkdf(master, INFO.index, 32) };
}

export function isEncrypted(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(ENC_PREFIX);
}

export function encryptValue(keys: PersonalDataKeys, plaintext: string): string {
  const data = Buffer.from(plaintext, 'utf8');
  if (keys.suite === 'aes') {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', keys.aes, iv);
    const ct = Buffer.concat([c.update(data), c.final()]);
    return `enc:v1:a256gcm:${b64(iv)}:${b64(c.getAuthTag())}:${b64(ct)}`;
  }
  if (sm4GcmAvailable()) {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('sm4-gcm' as any, keys.smEnc, iv) as crypto.CipherGCM;
    const ct = Buffer.concat([c.update(data), c.final()]);
    return `enc:v1:sm4gcm:${b64(iv)}:${b64(c.getAuthTag())}:${b64(ct)}`;
  }
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv('sm4-ctr', keys.smEnc, iv);
  const ct = Buffer.concat([c.update(data), c.final()]);
  const tag = smMac(keys, b64(iv), b64(ct));
  return `enc:v1:sm4ctr-hsm3:${b64(iv)}:${b64(tag)}:${b64(ct)}`;
}

function smMac(keys: PersonalDataKeys, iv: string, ct: string): Buffer {
  return crypto.createHmac('sm3', keys.smMac).update(`sm4ctr-hsm3:${iv}:${ct}`).digest();
}

/** Plaintext of a stored value; values that are not `enc:` (legacy rows, the anonymisation marker) are returned as they are. */
export function decryptValue(keys: PersonalDataKeys, stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const parts = stored.split(':');
  if (parts.length !== 6 || parts[1] !== 'v1') throw new PersonalDataCryptoError('个人信息密文格式不正确');
  const [, , suite, ivs, tags, cts] = parts;
  const iv = unb64(ivs);
  const tag = unb64(tags);
  const ct = unb64(cts);
  try {
    if (suite === 'a256gcm' || suite === 'sm4gcm') {
      const d = crypto.createDecipheriv((suite === 'a256gcm' ? 'aes-256-gcm' : 'sm4-gcm') as any, suite === 'a256gcm' ? keys.aes : keys.smEnc, iv) as crypto.DecipherGCM;
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    if (suite === 'sm4ctr-hsm3') {
      const expected = smMac(keys, ivs, cts);
      if (expected.length !== tag.length || !crypto.timingSafeEqual(expected, tag)) throw new PersonalDataCryptoError('个人信息密文校验失败（HMAC-SM3）');
      const d = crypto.createDecipheriv('sm4-ctr', keys.smEnc, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
  } catch (e) {
    if (e instanceof PersonalDataCryptoError) throw e;
    throw new PersonalDataCryptoError('个人信息密文校验失败（密钥不符或数据被篡改）');
  }
  throw new PersonalDataCryptoError(`未知的个人信息加密算法：${suite}`);
}

/** Keyed hash for equality lookups (HMAC-SHA256 under its own derived key; HMAC-SM3 under CRYPTO_SUITE=sm). */
export function blindIndex(keys: PersonalDataKeys, value: string): string {
  const norm = value.trim().toUpperCase();
  return crypto.createHmac(keys.suite === 'sm' ? 'sm3' : 'sha256', keys.index).update(norm).digest('hex');
}

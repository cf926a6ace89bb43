import crypto from 'crypto';
import { verify as totpVerify } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';
import type { CryptoPlugin } from '@otplib/core';

/**
 * otplib (v13) with Node's own crypto and a small RFC 4648 base32 codec as its plugins. The `otplib` umbrella
 * package's default plugins load `@scure/base`, an ES-module-only package that Jest's module loader cannot
 * require; `@otplib/totp`, `@otplib/uri` and `@otplib/core` are CommonJS and need only these two plugins.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const base32 = {
  name: 'node-base32',
  encode(data: Uint8Array): string {
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of data) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
    return out;
  },
  decode(str: string): Uint8Array {
    const clean = str.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '');
    let bits = 0;
    let value = 0;
    const out: number[] = [];
    for (const c of clean) {
      const i = ALPHABET.indexOf(c);
      if (i < 0) throw new Error('invalid base32');
      value = (value << 5) | i;
      bits += 5;
      if (bits >= 8) {
        out.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    return Uint8Array.from(out);
  },
};

export const nodeCrypto: CryptoPlugin = {
  name: 'node-crypto',
  hmac: (algorithm, key, data) => new Uint8Array(crypto.createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(crypto.randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const x = Buffer.from(a as any);
    const y = Buffer.from(b as any);
    return x.length === y.length && crypto.timingSafeEqual(x, y);
  },
};

/** A new secret: 20 random bytes (160 bits, RFC 4226), base32. */
export const newSecret = () => base32.encode(crypto.randomBytes(20));

/** The otpauth:// URL an authenticator app scans. */
export const otpauthUrl = (issuer: string, label: string, secret: string) => generateTOTP({ issuer, label, secret });

/**
 * The RFC 6238 time step a 6-digit code belongs to (the current 30-second step, one either side accepted for
 * clock drift), or null when it matches none.
 */
export async function totpStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r: any = await totpVerify({ secret, token: code, crypto: nodeCrypto, base32, epochTolerance: 30 } as any);
    return r?.valid === true ? Math.floor(Number(r.epoch) / 30) : null;
  } catch {
    return null;
  }
}

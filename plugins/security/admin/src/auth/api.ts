/** The /security routes of identification and authentication (plugins/security/server/src/auth/routes.ts). */
export type { AuthStatus } from '../../../server/src/wire';
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}
export const AUTH_PAGE = 'plugins/security-auth';

/** The Chinese message of a failed call (Strapi's error shape), or a fallback. */
export function messageOf(err: unknown, fallback: string): string {
  const e = err as { response?: { data?: { error?: { message?: string } } } } | null;
  return e?.response?.data?.error?.message ?? fallback;
}

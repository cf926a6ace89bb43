import { isFetchError } from '@strapi/strapi/admin';

export interface ApiError {
  message: string;
  status?: number;
  /** Field → message, from `details.errors[].path` (first segment). */
  fields: Record<string, string>;
}

/** The Chinese message (and the field messages) of a Strapi error answer. */
export function errorOf(error: unknown): ApiError {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as { message?: string; details?: { errors?: Array<{ path?: string[]; message?: string }> } } | undefined;
    const fields: Record<string, string> = {};
    for (const e of body?.details?.errors ?? []) {
      const key = (e.path ?? [])[0];
      if (key && e.message && !fields[key]) fields[key] = e.message;
    }
    return { message: body?.message ?? error.message, status: error.status, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}

/** The Chinese message of a Strapi error answer. */
export const errorMessage = (error: unknown): string => errorOf(error).message;

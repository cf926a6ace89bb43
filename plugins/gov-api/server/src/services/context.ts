/**
 * What the query services need: the database, the reference data, the settings.
 */
import type { Core } from '@strapi/strapi';
import type { GovApiConfig } from '../config';
import type { RefData } from './refs';
import type { Knex } from '../sql';
import type { ReadModel } from '../read-model/store';

export interface Ctx {
  strapi: Core.Strapi;
  pg: boolean;
  knex: () => Knex;
  refs: () => Promise<RefData>;
  settings: () => GovApiConfig;
  /** The public read model when it is filled and enabled (else the routes read the tables). */
  readModel?: () => ReadModel | null;
}

/** A rendered response: a JSON value (or text with its content type) and its Last-Modified time. */
export interface Rendered {
  body: unknown;
  contentType?: string;
  /** ISO time of the newest content in the response, if known. */
  lastModified?: string | null;
}

/** Newest of a list of ISO times. */
export function newest(times: Array<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const t of times) if (t && (!best || t > best)) best = t;
  return best;
}

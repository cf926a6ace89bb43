import { AsyncLocalStorage } from 'async_hooks';

/** Carries what a plugin route knows (actor, 撤稿 reason) down to the Document Service middleware. */
export interface ReviewContext {
  unpublishReason?: string;
  actor?: Actor;
}

export interface Actor {
  id: number | null;
  name: string;
  roles: string[];
}

export const reviewContext = new AsyncLocalStorage<ReviewContext>();

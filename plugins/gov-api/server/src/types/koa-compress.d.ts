// koa-compress 5 ships no type declarations.
declare module 'koa-compress' {
  type Middleware = (ctx: any, next: () => Promise<unknown>) => Promise<void>;
  function compress(options?: Record<string, unknown>): Middleware;
  export = compress;
}

/**
 * Cross-node cache invalidation. With PostgreSQL every node LISTENs on a channel with a dedicated
 * client (the `pg` package, same connection settings as Strapi's pool) and a change NOTIFYs it —
 * inside the writing transaction, so the other nodes hear of it exactly when it commits. A node
 * ignores its own notifications (it flushes locally after commit). When the listening connection
 * drops, the node flushes its cache and reconnects (notifications sent meanwhile are lost, so the
 * flush on reconnect keeps the promise "nothing stale for more than a few seconds").
 * SQLite: one process per database file, invalidation stays in-process.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { Client, type ClientConfig } from 'pg';
import { NOTIFY_CHANNEL } from '../constants';
import { isPostgres } from '../sql';

export type NotifierMode = 'postgres' | 'in-process';

export class Notifier {
  readonly nodeId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  mode: NotifierMode = 'in-process';
  /** Notifications received from other nodes. */
  received = 0;
  private client: Client | null = null;
  private stopped = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  private everConnected = false;

  constructor(private strapi: Core.Strapi, private onRemoteChange: (reason: string) => void) {}

  async start(enabled: boolean): Promise<void> {
    if (!enabled || !isPostgres(this.strapi)) return;
    this.mode = 'postgres';
    this.stopped = false;
    await this.connect();
  }

  private connectionConfig(): ClientConfig {
    const c = (this.strapi.config.get('database.connection.connection') ?? {}) as Record<string, any>;
    const cfg: ClientConfig = { application_name: 'gov-api-listener' };
    if (c.connectionString) cfg.connectionString = c.connectionString;
    for (const k of ['host', 'port', 'database', 'user', 'password', 'ssl'] as const) {
      if (c[k] !== undefined && c[k] !== null && c[k] !== '' && !(k === 'ssl' && c[k] === false)) (cfg as any)[k] = c[k];
    }
    return cfg;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.connectionConfig());
    client.on('error', (err) => {
      this.strapi.log.warn(`[gov-api] 缓存失效监听连接出错：${err.message}`);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL) return;
      let from = '';
      let reason = 'remote';
      try {
        const payload = JSON.parse(msg.payload ?? '{}');
        from = String(payload.node ?? '');
        reason = `remote:${payload.reason ?? 'change'}`;
      } catch {
        /* a foreign payload still invalidates */
      }
      if (from === this.nodeId) return;
      this.received++;
      this.onRemoteChange(reason);
    });
    try {
      await client.connect();
      const schema = (this.strapi.config.get('database.connection.connection') as any)?.schema;
      if (schema) await client.query(`SET search_path TO "${String(schema).replace(/"/g, '""')}"`);
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      if (this.everConnected) this.onRemoteChange('listener-reconnected');
      this.everConnected = true;
      this.client = client;
      this.retryMs = 250;
    } catch (err: any) {
      this.strapi.log.warn(`[gov-api] 无法建立缓存失效监听连接：${err?.message ?? err}`);
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(client: Client) {
    if (this.stopped || this.timer) return;
    if (this.client === client) this.client = null;
    else if (this.client) return; // an older client's late event: a newer one is listening
    void client.end().catch(() => undefined);
    this.onRemoteChange('listener-lost');
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.timer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  /** Payload of a notification from this node. */
  payload(reason: string): string {
    return JSON.stringify({ node: this.nodeId, reason, at: Date.now() });
  }

  /** NOTIFY inside a transaction (delivered on commit). No-op on SQLite. */
  async notifyIn(trx: any, reason: string): Promise<void> {
    if (this.mode !== 'postgres') return;
    await trx.raw('SELECT pg_notify(?, ?)', [NOTIFY_CHANNEL, this.payload(reason)]);
  }

  /** NOTIFY outside any transaction. */
  async notify(reason: string): Promise<void> {
    if (this.mode !== 'postgres') return;
    await this.strapi.db.connection.raw('SELECT pg_notify(?, ?)', [NOTIFY_CHANNEL, this.payload(reason)]);
  }

  get listening(): boolean {
    return this.mode === 'postgres' && !!this.client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      c.removeAllListeners('error');
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
    }
  }
}

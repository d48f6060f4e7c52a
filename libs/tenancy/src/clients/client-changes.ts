import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DatabaseNotifications, type NotificationChannel } from '@ringlypro/core';
import { DataSource, type EntityManager } from 'typeorm';
import { ClientWriteWatcher } from './client-write-watcher';

/** The channel migration 1764000000720's trigger notifies with a client's id on every change of its row. */
export const CLIENT_CHANGES_CHANNEL = 'ringlypro_clients';

/** Told that a client's row changed (its id), or that any may have (null: drop everything). */
export type ClientChangeListener = (clientId: number | null) => void;

/**
 * Every change of a clients row, for this process's caches of them (the webhook number directory, the
 * tenant's client view). One LISTEN per process, whoever caches: every replica hears every change by
 * NOTIFY; a write through this process is also announced as soon as it commits (ClientWriteWatcher),
 * since NOTIFY arrives a moment later. While the listening connection is down nothing may be trusted
 * from a cache (`live` is false) and listeners are told to drop everything when it goes or comes back.
 */
@Injectable()
export class ClientChanges implements OnModuleInit, OnModuleDestroy {
  private readonly listeners = new Set<ClientChangeListener>();
  private readonly watcher = new ClientWriteWatcher(() => this.emit(null));
  private channel: NotificationChannel | null = null;

  constructor(
    private readonly notifications: DatabaseNotifications,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this.watcher);
    this.channel = this.notifications.listen(CLIENT_CHANGES_CHANNEL, {
      message: (payload) => this.emit(/^\d{1,12}$/.test(payload) ? Number(payload) : null),
      reset: () => this.emit(null),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.channel?.close();
  }

  /** True while every change of a clients row is known to arrive here. */
  get live(): boolean {
    return this.channel?.live === true;
  }

  /**
   * Whether a cached clients row may be used by (and a row read by) a transaction on `manager`: only
   * while live, and not in a transaction that changed a clients row it has not committed — what it
   * reads is its own uncommitted write, which no other request may be handed.
   */
  trustedIn(manager: EntityManager): boolean {
    return this.live && !this.watcher.hasPendingWrite(manager.queryRunner);
  }

  subscribe(listener: ClientChangeListener): void {
    this.listeners.add(listener);
  }

  private emit(clientId: number | null): void {
    for (const listener of this.listeners) listener(clientId);
  }
}

import { errors } from '@strapi/utils';

/** Collects field errors and throws Strapi's ValidationError (HTTP 400, Strapi's error shape, field named, Chinese). */
export class FieldErrors {
  private list: { path: string[]; message: string; name: 'ValidationError'; value?: unknown }[] = [];

  add(field: string, message: string, value?: unknown) {
    this.list.push({ path: field.split('.'), message, name: 'ValidationError', value });
    return this;
  }

  get size() {
    return this.list.length;
  }

  throwIfAny(): void {
    if (!this.list.length) return;
    const message = this.list.length === 1 ? this.list[0].message : `${this.list[0].message}（另有 ${this.list.length - 1} 处错误）`;
    throw new errors.ValidationError(message, { errors: this.list });
  }
}

export function validationError(field: string, message: string): never {
  new FieldErrors().add(field, message).throwIfAny();
  throw new Error('unreachable');
}

export * from './types';
export * from './result-keys';
export * from './rules';
export * from './validate';
export * from './reply-article';
export * from './clock';

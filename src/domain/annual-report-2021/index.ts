/**
 * 政府信息公开工作年度报告 — the 2021 national format (国办公开办函〔2021〕30号):
 * keys and official labels, empty tables and totals, validation, HTML rendering.
 */
export * from './keys';
export * from './empty';
export * from './validate';
export * from './render-html';

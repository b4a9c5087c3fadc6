export * from './currencies.ts';
export * from './decimal.ts';
export * from './money.ts';
export * from './exchange.ts';

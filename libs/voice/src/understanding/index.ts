export * from './understanding';
export * from './rule-understanding';

export * from './shotgun-race.js';
export * from './shotgun-view.js';

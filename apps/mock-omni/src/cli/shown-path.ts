import { isAbsolute, relative, resolve } from 'node:path';

/** A path as a person at this shell reads it: relative to the working directory when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(cwd, path);
}

import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, userDataDirectory } from '../../src/cli/user-data-directory.js';

describe('userDataDirectory (where omni-mock keeps its database without --db)', () => {
  it('Linux: $XDG_DATA_HOME/omnikit when it is set and absolute', () => {
    expect(userDataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: '/data/u' }, home: '/home/u' })).toBe(
      '/data/u/omnikit',
    );
  });

  it('Linux: ~/.local/share/omnikit when XDG_DATA_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_DATA_HOME: '' }, { XDG_DATA_HOME: 'relative/dir' }]) {
      expect(userDataDirectory({ platform: 'linux', env, home: '/home/u' })).toBe('/home/u/.local/share/omnikit');
    }
  });

  it('other Unixes follow XDG as Linux does', () => {
    expect(userDataDirectory({ platform: 'freebsd', env: {}, home: '/usr/home/u' })).toBe(
      '/usr/home/u/.local/share/omnikit',
    );
  });

  it('macOS: ~/Library/Application Support/omnikit, whatever XDG_DATA_HOME says', () => {
    expect(userDataDirectory({ platform: 'darwin', env: { XDG_DATA_HOME: '/x' }, home: '/Users/u' })).toBe(
      '/Users/u/Library/Application Support/omnikit',
    );
  });

  it('Windows: %LOCALAPPDATA%\\omnikit, else <home>\\AppData\\Local\\omnikit', () => {
    expect(
      userDataDirectory({
        platform: 'win32',
        env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
        home: 'C:\\Users\\u',
      }),
    ).toBe('C:\\Users\\u\\AppData\\Local\\omnikit');
    expect(userDataDirectory({ platform: 'win32', env: {}, home: 'C:\\Users\\u' })).toBe(
      'C:\\Users\\u\\AppData\\Local\\omnikit',
    );
  });

  it('the database is omni.db in that directory, joined with the platform separator', () => {
    expect(defaultDatabasePath({ platform: 'linux', env: {}, home: '/home/u' })).toBe(
      '/home/u/.local/share/omnikit/omni.db',
    );
    expect(defaultDatabasePath({ platform: 'win32', env: { LOCALAPPDATA: 'D:\\Local' }, home: 'C:\\Users\\u' })).toBe(
      'D:\\Local\\omnikit\\omni.db',
    );
  });
});

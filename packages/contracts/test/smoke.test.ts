import { describe, expect, it } from 'vitest';
import { authorizeBody, callBody, omniOpenApiDocument, routeList } from '../src/index.js';

describe('contracts smoke', () => {
  it('every route has a unique method and path', () => {
    const keys = routeList.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('authorize accepts the older username spelling and yields user_name', () => {
    expect(authorizeBody.parse({ username: 'agent1', password: 'cGFzc3dvcmQx' })).toEqual({
      user_name: 'agent1',
      password: 'cGFzc3dvcmQx',
    });
  });

  it('a call accepts the wiki table spelling outboud_cli', () => {
    expect(callBody.parse({ phone_number: '0800555001', outboud_cli: '0210000000' }).outbound_cli).toBe('0210000000');
  });

  it('the OpenAPI document lists every route', () => {
    const doc = omniOpenApiDocument();
    const ops = Object.values(doc.paths).flatMap((p) => Object.keys(p));
    expect(ops.length).toBe(routeList.length);
  });
});

import { readFileSync } from 'node:fs';
import { routes } from '@omnikit/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { methodDocLines, renderGroupMethods } from '../scripts/method-docs.js';
import type {
  AgentMethods,
  ArchiveMethods,
  CallsMethods,
  CampaignsMethods,
  LeadsMethods,
  ListsMethods,
  NotificationsMethods,
  PreviewMethods,
  RecordingsMethods,
  ShotgunMethods,
  UsersMethods,
} from '../src/group-methods.js';
import type { GroupMethods } from '../src/route-method.js';

/**
 * The generated methods' doc comments (src/group-methods.ts) say where each route comes from and
 * name what TForge does not document: "inferred: not confirmed against a real Omni".
 */
const NOTE = 'inferred: not confirmed against a real Omni';

describe('generated method docs', () => {
  it('src/group-methods.ts is what the generator writes now (run `npm run method-docs`)', () => {
    const file = readFileSync(new URL('../src/group-methods.ts', import.meta.url), 'utf8');
    expect(file).toBe(renderGroupMethods());
  });

  it('an inferred route says so', () => {
    expect(methodDocLines(routes.holdCall).join('\n')).toContain(`This route is ${NOTE}`);
    expect(methodDocLines(routes.getCampaign).join('\n')).toContain(NOTE);
  });

  it('a fully documented route names its page and nothing inferred', () => {
    const text = methodDocLines(routes.makeCall).join('\n');
    expect(text).toContain('Documented by TForge (wiki page 2177007617).');
    expect(text).not.toContain('inferred');
  });

  it('add lead: documented, with its inferred contact fields and response named', () => {
    const lines = methodDocLines(routes.addLead);
    expect(lines).toContain('Documented by TForge (wiki page 2175107084).');
    expect(lines).toContain(`The response: ${NOTE}.`);
    const fields = lines.find((l) => l.startsWith('Fields ')) ?? '';
    expect(fields).toContain('`email_1`');
    expect(fields).toContain(NOTE);
    expect(fields).not.toContain('`first_name`');
  });

  it('update campaign: its B.8 settings and its response are inferred', () => {
    const lines = methodDocLines(routes.updateCampaign);
    expect(lines).toContain(`The response: ${NOTE}.`);
    expect(lines.find((l) => l.startsWith('Fields '))).toMatch(/^Fields `wrapup_seconds`.*`inbound_dids`: inferred/);
  });

  it('bulk upload: the response is inferred, the rows are not', () => {
    const text = methodDocLines(routes.bulkUploadLeads).join('\n');
    expect(text).toContain(`The response: ${NOTE}.`);
    expect(text).not.toContain('Fields ');
  });

  it('the generated interfaces are the methods’ types', () => {
    expectTypeOf<UsersMethods>().toEqualTypeOf<GroupMethods<'users'>>();
    expectTypeOf<CampaignsMethods>().toEqualTypeOf<GroupMethods<'campaigns'>>();
    expectTypeOf<LeadsMethods>().toEqualTypeOf<GroupMethods<'leads'>>();
    expectTypeOf<AgentMethods>().toEqualTypeOf<GroupMethods<'agent'>>();
    expectTypeOf<ArchiveMethods>().toEqualTypeOf<GroupMethods<'archive'>>();
    expectTypeOf<CallsMethods>().toEqualTypeOf<GroupMethods<'calls'>>();
    expectTypeOf<ListsMethods>().toEqualTypeOf<GroupMethods<'lists'>>();
    expectTypeOf<NotificationsMethods>().toEqualTypeOf<GroupMethods<'notifications'>>();
    expectTypeOf<PreviewMethods>().toEqualTypeOf<GroupMethods<'preview'>>();
    expectTypeOf<RecordingsMethods>().toEqualTypeOf<GroupMethods<'recordings'>>();
    expectTypeOf<ShotgunMethods>().toEqualTypeOf<GroupMethods<'shotgun'>>();
  });
});

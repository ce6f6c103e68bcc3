/**
 * The demo data every new system gets, fixed so README examples and other people's tests work as printed:
 * agent1…agent5 (ids 1…5, password1…5, extensions 1001…1005, webrtc1…5), campaigns 1–5 (each with a message of the
 * day, shown at login), lists 1–3 with faker leads. The same seed gives the same leads. Campaign 1's message names a
 * magic number, which strict mode turns off: there it reads `CLICK_2_DIAL_MOTD.strict` instead.
 *
 * @module
 */

import type { Faker } from '@faker-js/faker';
import { CAMPAIGN_DEFAULTS, CAMPAIGN_TYPES } from '@omnikit/contracts';
import type { CampaignRecord, LeadRecord, ListRecord } from '../ports.js';

export interface DemoUser {
  userId: number;
  userName: string;
  password: string;
  extension: string;
  webrtcPassword: string;
}

export const DEMO_USERS: readonly DemoUser[] = [1, 2, 3, 4, 5].map((n) => ({
  userId: n,
  userName: `agent${n}`,
  password: `password${n}`,
  extension: `100${n}`,
  webrtcPassword: `webrtc${n}`,
}));

export const DEMO_SYSTEM_KEY = 'omni-demo-key';

/**
 * Campaign 1's message of the day, by mode: with magic numbers (B.10) it names one; under `--strict` that is an
 * ordinary number, so there it says what is true of any number.
 * `store/demo-motd-repair.ts` swaps one for the other in a stored demo campaign when the mode changes.
 */
export const CLICK_2_DIAL_MOTD = {
  magic: 'Welcome: dial any number from the console (0800555008 answers after a second).',
  strict: 'Welcome: dial any number from the console; as on a real line, it may answer, ring out or be busy.',
} as const;

/** Leads per demo list (a few hundred in all). */
const LIST_SIZES = { 1: 150, 2: 100, 3: 100 } as const;

export interface DemoData {
  campaigns: Omit<CampaignRecord, 'systemId' | 'createdAt'>[];
  lists: Omit<ListRecord, 'systemId' | 'createdAt'>[];
  leads: Omit<LeadRecord, 'systemId' | 'createdAt' | 'updatedAt'>[];
}

function campaign(
  campaignId: number,
  campaignName: string,
  campaignType: number,
  extra: Record<string, unknown>,
): DemoData['campaigns'][number] {
  const { ...settings } = CAMPAIGN_DEFAULTS as Record<string, unknown>;
  return {
    campaignId,
    campaignName,
    campaignType,
    settings: {
      ...settings,
      pause_codes: [...CAMPAIGN_DEFAULTS.pause_codes],
      dispositions: [...CAMPAIGN_DEFAULTS.dispositions],
      inbound_dids: [],
      ...extra,
    },
  };
}

const AREA_CODES = [
  '10',
  '11',
  '12',
  '21',
  '31',
  '41',
  '51',
  '60',
  '61',
  '71',
  '72',
  '73',
  '76',
  '79',
  '82',
  '83',
  '84',
];

/**
 * The demo data of `seed`, drawn from `faker` (the English build alone: the package's index loads every locale, a
 * third of a second). The instance is re-seeded here and the build runs synchronously from start to end, so no
 * other build can draw from a shared instance meanwhile. `magicNumbers: false` (strict mode) gives campaign 1 the
 * message of the day that names none.
 */
export function buildDemoData(seed: number, faker: Faker, options: { magicNumbers?: boolean } = {}): DemoData {
  faker.seed(seed);
  const campaigns = [
    campaign(1, 'Click-2-Dial', CAMPAIGN_TYPES.CLICK_2_DIAL, {
      description: 'Agents dial from the CRM.',
      message_of_the_day: options.magicNumbers === false ? CLICK_2_DIAL_MOTD.strict : CLICK_2_DIAL_MOTD.magic,
    }),
    campaign(2, 'Progressive', CAMPAIGN_TYPES.PROGRESSIVE, {
      description: 'Outbound over list 1, one line per ready agent.',
      message_of_the_day: 'Go ready and the dialler puts the next lead of list 1 through to you.',
      default_list_id: 1,
    }),
    campaign(3, 'Preview', CAMPAIGN_TYPES.PREVIEW, {
      description: 'Agents preview each lead of list 2 before calling it.',
      message_of_the_day: 'Read each lead before you call it; skip the ones that do not fit.',
      default_list_id: 2,
    }),
    campaign(4, 'Inbound', CAMPAIGN_TYPES.INBOUND, {
      description: 'Inbound calls on 0861000004.',
      message_of_the_day: 'Callers dial 0861000004: greet them by the campaign name.',
      inbound_dids: ['0861000004'],
    }),
    campaign(5, 'Progressive blended', CAMPAIGN_TYPES.PROGRESSIVE, {
      description: 'Outbound over list 3, with inbound calls on 0861000005 between them.',
      message_of_the_day: 'Inbound calls on 0861000005 come first; the dialler fills the gaps from list 3.',
      default_list_id: 3,
      is_blended: true,
      inbound_dids: ['0861000005'],
    }),
  ];
  const lists = [
    { listId: 1, listName: 'Progressive leads', campaignId: 2, description: 'Demo leads for campaign 2.' },
    { listId: 2, listName: 'Preview leads', campaignId: 3, description: 'Demo leads for campaign 3.' },
    { listId: 3, listName: 'Blended leads', campaignId: 5, description: 'Demo leads for campaign 5.' },
  ];
  const leads: DemoData['leads'] = [];
  const usedPhones = new Set<string>();
  let leadId = 0;
  for (const [listKey, size] of Object.entries(LIST_SIZES)) {
    const listId = Number(listKey);
    for (let i = 0; i < size; i++) {
      leadId++;
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      let phone: string;
      do phone = `0${faker.helpers.arrayElement(AREA_CODES)}${faker.string.numeric(7)}`;
      while (usedPhones.has(phone));
      usedPhones.add(phone);
      const mobile = faker.datatype.boolean(0.4)
        ? `08${faker.helpers.arrayElement(['2', '3', '4'])}${faker.string.numeric(7)}`
        : undefined;
      const company = faker.company.name();
      leads.push({
        leadId,
        listId,
        firstName,
        lastName,
        otherInfo: `${company}: ${faker.helpers.arrayElement(['renewal due', 'asked for a quote', 'upgrade interest', 'lapsed customer', 'web enquiry', 'referral'])}`,
        uniqueId: `CRM-${String(leadId).padStart(6, '0')}`,
        leadProvider: faker.helpers.arrayElement(['Website', 'Referral', 'Trade show', 'Partner', 'Purchased list']),
        cost: faker.datatype.boolean(0.5) ? Number(faker.finance.amount({ min: 0.5, max: 25, dec: 2 })) : null,
        title: faker.person.prefix(),
        email1: faker.internet.email({ firstName, lastName }).toLowerCase(),
        email2: '',
        messenger: '',
        addressLine1: faker.location.streetAddress(),
        addressLine2: '',
        city: faker.location.city(),
        province: faker.location.state(),
        postalCode: faker.location.zipCode('####'),
        callerId: '',
        status: 'NEW',
        attempts: 0,
        lastCallId: 0,
        lastCallAt: null,
        callbackAt: null,
        phones: [
          { phone_number: phone, phone_type_id: 1, time_zone_id: 0, high_priority: false, schedule_call_at: null },
          ...(mobile
            ? [
                {
                  phone_number: mobile,
                  phone_type_id: 2,
                  time_zone_id: 0,
                  high_priority: false,
                  schedule_call_at: null,
                },
              ]
            : []),
        ],
      });
    }
  }
  return { campaigns, lists, leads };
}

import type { OmniTestClient } from './omni-client.js';

/**
 * What the routes of agents, calls, phones and webhooks need in a fresh system before their fixture
 * (route-fixtures.ts) answers 200: a registered phone, a logged-in agent, a call in the right state,
 * a notification to look at or replay. Returns path parameters the fixture cannot know in advance
 * (a notification's id).
 */
export async function prepareTelephony(routeId: string, c: OmniTestClient): Promise<Record<string, string>> {
  const needsAgent = [
    'setState',
    'makeCall',
    'getCall',
    'holdCall',
    'retrieveCall',
    'hangupCall',
    'disposeCall',
    'recordCall',
    'conferenceCall',
    'connectCall',
    'getRecording',
    'replayCallDeliveries',
    'startShotgun',
    'getShotgun',
    'cancelShotgun',
  ];
  if (routeId === 'login' || routeId === 'loginLegacy' || routeId === 'unregisterPhone')
    await c.request('POST', '/__mock/phones/1001/register');
  if (routeId === 'getWebhookDelivery') {
    // Login records an agent_state notification (no endpoint: recorded, not delivered).
    const token = await c.login('agent1');
    await c.request('POST', '/__mock/phones/1001/register');
    await c.request('POST', '/omni/users/1/login', { token, body: { campaign_id: 1, extension: '1001' } });
    const list = await c.request('GET', '/__mock/webhook/deliveries?limit=1');
    return list.body.total > 0 ? { notification_id: list.body.deliveries[0].notification_id } : {};
  }
  if (routeId === 'replayWebhookDelivery' || routeId === 'sendTestNotification') {
    const token = await c.login('agent1');
    await c.request('POST', '/omni/notification/endpoint', { token, body: { url: 'http://127.0.0.1:9/hook' } });
    if (routeId === 'sendTestNotification') return {};
    const sent = await c.request('POST', '/__mock/webhook/test', { body: { type: 'cdr' } });
    return { notification_id: sent.body.notification_id };
  }
  if (routeId === 'getMockCall') {
    // Call 1: a caller on demo campaign 4's DID, queued (no agent is logged in).
    await c.request('POST', '/__mock/inbound', { body: { did: '0861000004', phone_number: '0827770001' } });
    return {};
  }
  if (routeId === 'getArrivalProcess' || routeId === 'stopArrivalProcess') {
    // Demo campaign 4 is Inbound (DID 0861000004).
    const calls_per_hour = Array.from({ length: 24 }, () => 10);
    await c.request('PUT', '/__mock/inbound/arrivals', { body: { campaign_id: 4, calls_per_hour } });
    return {};
  }
  if (routeId === 'previewNext' || routeId === 'previewSkip') {
    // Demo campaign 3 is Preview (list 2); with seed 1 its first lead to preview is lead 151.
    const token = await c.login('agent1');
    await c.request('POST', '/__mock/phones/1001/register');
    await c.request('POST', '/omni/users/1/login', { token, body: { campaign_id: 3, extension: '1001' } });
    if (routeId === 'previewSkip') await c.request('POST', '/omni/users/1/preview/next', { token });
    return {};
  }
  if (!needsAgent.includes(routeId)) return {};
  const token = await c.login('agent1');
  await c.request('POST', '/__mock/phones/1001/register');
  await c.request('POST', '/omni/users/1/login', { token, body: { campaign_id: 1, extension: '1001' } });
  if (routeId === 'setState' || routeId === 'makeCall' || routeId === 'startShotgun') return {};
  if (routeId === 'getShotgun' || routeId === 'cancelShotgun') {
    // Shotgun 1: 0800555009 answers after 8 s, so the race is still racing.
    await c.request('POST', '/omni/voice/1/shotgun', { token, body: { phone_numbers: ['0800555009', '0800555002'] } });
    return {};
  }
  // Call 1: 0800555008 answers after 1 s and never hangs up.
  await c.request('POST', '/omni/voice/1/call', { token, body: { phone_number: '0800555008' } });
  if (routeId === 'replayCallDeliveries') {
    await c.request('POST', '/omni/notification/endpoint', { token, body: { url: 'http://127.0.0.1:9/hook' } });
    return {};
  }
  if (routeId === 'getCall' || routeId === 'hangupCall') return {};
  if (routeId === 'disposeCall') {
    await c.request('POST', '/omni/voice/1/call/1/hangup', { token });
    return {};
  }
  await c.advance(1000);
  if (routeId === 'retrieveCall') await c.request('POST', '/omni/voice/1/call/1/hold', { token });
  if (routeId === 'connectCall') {
    await c.request('POST', '/omni/voice/1/call/1/conference', { token, body: { phone_number: '0800555008' } });
    await c.advance(1000);
  }
  if (routeId === 'getRecording') {
    // The recording starts at 08:00:01 on the fresh system's clock: file 1_20260105080001.wav.
    await c.request('POST', '/omni/voice/1/call/1/recording', { token, body: { action: 'start' } });
    await c.advance(2000);
  }
  return {};
}

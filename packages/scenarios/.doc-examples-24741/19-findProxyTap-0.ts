import { findProxyTap } from '@omnikit/scenarios';

const tap = await findProxyTap('http://127.0.0.1:4011', { publicUrl: process.env.OMNI_WEBHOOK_PUBLIC_URL });
console.log(tap ? `notifications go through ${tap.endpointUrl}` : 'not a proxy');

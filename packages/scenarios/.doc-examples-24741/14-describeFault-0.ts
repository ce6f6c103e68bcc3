import { describeFault } from '@omnikit/scenarios';

describeFault({ kind: 'receiver-outage', status: 503 }); // 'webhook receiver answering 503, never recovering'

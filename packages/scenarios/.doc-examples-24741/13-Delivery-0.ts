import type { Delivery, Inbox } from '@omnikit/scenarios';

const redelivered = (inbox: Inbox): Delivery[] => inbox.deliveries.filter((d) => d.duplicate);

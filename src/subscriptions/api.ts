import type { SalesloftClient } from '../salesloft/client.js';

/** The part of the API client the subscription workflows use. */
export type SubscriptionApi = Pick<SalesloftClient, 'list' | 'get' | 'create' | 'setEnabled' | 'delete'> &
  Partial<Pick<SalesloftClient, 'interruptWaits'>>;

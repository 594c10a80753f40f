/** A webhook subscription as Salesloft's `/v2/webhook_subscriptions` resource returns it. */
export interface Subscription {
  id: number;
  callback_url: string;
  callback_token: string;
  event_type: string;
  enabled: boolean;
  tenant_id?: number;
  user_guid?: string;
}

export interface NewSubscription {
  callback_url: string;
  callback_token: string;
  event_type: string;
}

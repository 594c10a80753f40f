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

/** The team a key acts for, as `GET /v2/team` names it. */
export interface Team {
  id: number;
  name: string;
}

/** The user a key acts as, as `GET /v2/me` describes them. */
export interface Me {
  id: number;
  guid: string | null;
  name: string | null;
  email: string | null;
  team_id: number | null;
}

export interface NewSubscription {
  callback_url: string;
  callback_token: string;
  event_type: string;
}

import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ExportKind {
  ORDERS = 'ORDERS',
  RECIPIENTS = 'RECIPIENTS',
}

registerEnumType(ExportKind, {
  name: 'ExportKind',
  description: 'Which CSV export of a campaign a signed link downloads.',
  valuesConfig: {
    ORDERS: { description: 'orders.csv: one row per active attributed order (order_id, order_date in UTC, local_day, recipient, side, revenue, flags).' },
    RECIPIENTS: { description: 'recipients.csv: the mailing list after holdout assignment (external_id, is_holdout, send_date, cost).' },
  },
});

@ObjectType({ description: 'A short-lived download link to a CSV export, usable without an API key (e.g. as a browser link).' })
export class ExportLink {
  @Field({ description: 'Server-relative URL (path and query) carrying the organisation, the expiry and an HMAC-SHA256 signature; open it against this server.' })
  url: string;

  @Field({ description: 'When the link stops working (a few minutes after creation, EXPORT_LINK_TTL_SECONDS).' })
  expiresAt: Date;
}

import assert from 'node:assert/strict';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { useTestApp } from '../helpers/app';
import { importRecipients, makeCampaign, makeOrganization } from '../helpers/factories';

/**
 * A browser frontend's client as it is used: Apollo Client 4 with its normalising
 * InMemoryCache over HTTP. Campaign and Organization carry `id`, so the cache stores each
 * once under `Typename:id` and a second query reads the same object.
 */
describe('Apollo Client against the server', () => {
  const app = useTestApp();

  it('normalises Campaign and Organization from a dashboard query', async () => {
    const org = await makeOrganization(app(), { name: 'Apollo Co.' });
    const campaignId = await makeCampaign(app(), org, { externalId: 'spring', name: 'Spring mailer' });
    await importRecipients(app(), org, campaignId, [{ externalId: 'r1', isHoldout: false, sendDate: '2024-03-01', cost: 2 }]);
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${app().url}/graphql`, headers: { authorization: `Bearer ${org.apiKey}` } }),
      cache: new InMemoryCache(),
    });
    const dashboard = gql`
      query Dashboard {
        organization { id name timezone }
        campaigns { id name holdoutEnabled stats { stats { mailersSent totalCost roas } computedMetrics { concept basis grade } } }
      }
    `;
    const { data, error } = await client.query<{ organization: { id: string; name: string }; campaigns: Array<{ id: string; name: string; stats: { stats: { mailersSent: number; totalCost: number } } }> }>({ query: dashboard });
    assert.equal(error, undefined);
    assert.equal(data?.campaigns[0].stats.stats.mailersSent, 1);

    const cached = client.cache.extract() as Record<string, Record<string, unknown>>;
    assert.equal(cached[`Organization:${org.id}`]?.name, 'Apollo Co.');
    assert.equal(cached[`Campaign:${campaignId}`]?.name, 'Spring mailer');
    assert.deepEqual(cached.ROOT_QUERY?.campaigns, [{ __ref: `Campaign:${campaignId}` }]);

    // Another query fetching the same campaign lands on the same normalised object, not a copy.
    const one = await client.query<{ campaign: { id: string; name: string } | null }>({
      query: gql`query One($id: ID!) { campaign(id: $id) { id name } }`,
      variables: { id: campaignId },
      fetchPolicy: 'network-only',
    });
    assert.equal(one.data?.campaign?.name, 'Spring mailer');
    assert.equal(Object.keys(client.cache.extract() as Record<string, unknown>).filter((key) => key.startsWith('Campaign:')).length, 1);
    await client.clearStore();
    client.stop();
  });
});
